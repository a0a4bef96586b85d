import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppContext } from '../../../app.ts';
import { claimEvent } from '../../../core/chat/events.ts';
import { enqueue, enqueueForEvent, type NewJob } from '../../../jobs/queue/store.ts';
import type { AckGate } from '../bolt.ts';

/**
 * The key under which one delivery is remembered: the Events API's `event_id` (identical on
 * Slack's retries, which carry X-Slack-Retry-Num), or the `trigger_id` of a command or
 * interaction (unique per click, so a re-sent payload is recognised).
 */
export function deliveryKey(body: Record<string, any>): string | null {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string') return `${body.type ?? body.command ?? 'interaction'}:${body.trigger_id}`;
  return null;
}

/**
 * How an event listener takes its event: claims it and queues its work (`jobs`) in one statement.
 * True for the first delivery; false for a redelivery (its work is queued already) or when the
 * database failed (then the event is not acknowledged and Slack delivers it again).
 */
export type ClaimDelivery = (jobs?: NewJob[]) => Promise<boolean>;

/**
 * Global middleware: a delivery seen before is acknowledged and goes no further, so Slack's
 * retries never produce a second answer or a second update. Events are claimed by their listener
 * (context.claimDelivery) together with the work they queue, so that what was acknowledged is
 * always stored.
 */
export function dedupe(app: AppContext): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Record<string, any>;
    const key = deliveryKey(body);
    const duplicate = () => app.log.info({ key, retryNum: args.context.retryNum, retryReason: args.context.retryReason }, 'slack: duplicate delivery ignored');
    if (body.type === 'event_callback') {
      let claimed: Promise<boolean> | undefined;
      // Without an event id there is nothing to deduplicate on: the work is queued as it is.
      const store = (jobs: NewJob[]) => (key ? enqueueForEvent(app.db, { platform: 'slack', key }, jobs) : enqueue(app.db, jobs));
      const claim: ClaimDelivery = (jobs = []) =>
        (claimed ??= store(jobs).then(
          (ids) => {
            if (!ids) duplicate();
            return ids !== null;
          },
          (err: unknown) => {
            app.log.error({ err, key }, 'slack: could not store an event; not acknowledged, Slack will deliver it again');
            const gate = args.context.ackGate as AckGate | undefined;
            if (gate) gate.refused = err as Error;
            return false;
          },
        ));
      args.context.claimDelivery = claim;
      await args.next();
      return;
    }
    if (key && !(await claimEvent(app.db, 'slack', key))) {
      duplicate();
      const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
      await ack?.();
      return;
    }
    await args.next();
  };
}

/** The claim of the event being handled (set by dedupe() for every Events API delivery). */
export function claimOf(context: Record<string, unknown>): ClaimDelivery {
  const claim = context.claimDelivery as ClaimDelivery | undefined;
  if (!claim) throw new Error('no delivery claim: the dedupe middleware must run before event listeners');
  return claim;
}
