import { TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import type { AppContext } from '../../app.ts';
import { newReference } from '../../core/failure.ts';
import { t } from '../../core/texts/index.ts';
import { enqueue, enqueueForEvent } from '../../jobs/queue/store.ts';
import type { JobContext, JobHandler } from '../../jobs/queue/worker.ts';
import { deliveryKey } from './dedupe.ts';
import { languageOf } from './lang.ts';

/** The job kind of a Teams message to handle (queued by the turn handler, run by the queue's workers). */
export const TEAMS_MESSAGE_JOB = 'teams.message';

/**
 * Claims the activity and queues its handling in one statement, before Teams gets its 200: an
 * acknowledged message is always stored, a redelivered one is not queued twice (false).
 * Messages of one conversation are handled one at a time, in order.
 */
export async function queueActivity(app: AppContext, activity: Partial<Activity>): Promise<boolean> {
  const job = { kind: TEAMS_MESSAGE_JOB, payload: activity, group: `teams:${activity.conversation?.id ?? ''}` };
  const key = deliveryKey(activity);
  if (!key) return (await enqueue(app.db, [job])).length > 0;
  return (await enqueueForEvent(app.db, { platform: 'teams', key }, [job])) !== null;
}

/**
 * Runs `logic` with a turn context for `activity`, outside the request it came in: the adapter's
 * proactive path (a conversation reference, the connector client and the bot's credentials) with
 * the original activity, so replies go to its conversation and thread as they would in its turn.
 * Errors reach the caller (the queue retries), not the adapter's onTurnError.
 */
export async function inTurnOf(app: AppContext, adapter: CloudAdapter, activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  let failure: { err: unknown } | null = null;
  await adapter.continueConversationAsync(app.config.teams.appId ?? '', TurnContext.getConversationReference(activity), async (proactive) => {
    const context = new TurnContext(adapter, activity);
    for (const [key, value] of proactive.turnState) context.turnState.set(key, value);
    try {
      await logic(context);
    } catch (err) {
      failure = { err };
    }
  });
  if (failure) throw (failure as { err: unknown }).err;
}

/** The queued work of a message: `handle` runs in its turn; after the last failed attempt the person is told, with a reference. */
export function messageJob(app: AppContext, adapter: CloudAdapter, handle: (context: TurnContext, job: JobContext<Partial<Activity>>) => Promise<void>): JobHandler {
  return {
    run: (job) => inTurnOf(app, adapter, job.payload, (context) => handle(context, job)),
    async giveUp(job, err) {
      const activity = job.payload as Partial<Activity>;
      const ref = newReference();
      app.log.error({ err, ref, job: job.id, conversation: activity.conversation?.id }, `teams: handling a message failed (${ref})`);
      const text = t(languageOf(activity.text ?? '', activity), 'teams.failure', { ref });
      await inTurnOf(app, adapter, activity, async (context) => void (await context.sendActivity(text))).catch((e: unknown) =>
        app.log.error({ err: e, ref }, 'teams: could not show the failure message either'),
      );
    },
  };
}
