import type { AppContext } from '../../../app.ts';
import type { Lang } from '../../../core/types.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import { t } from '../../../core/texts/index.ts';
import { newReference } from '../../../core/failure.ts';

/**
 * After the acknowledgement nothing goes silent: logs the error in full with a reference id and
 * shows a short message with that id through `show` (a thread reply, an ephemeral, a DM...).
 * Never throws: a failure of the reply itself is only logged.
 */
export async function reportFailure(
  app: AppContext,
  err: unknown,
  where: string,
  lang: Lang,
  show: (text: string) => Promise<unknown>,
  details: Record<string, unknown> = {},
): Promise<string> {
  const ref = newReference();
  app.log.error({ err, ref, where, ...details }, `slack: ${where} failed (${ref})`);
  try {
    await show(escapeMrkdwn(t(lang, 'slack.failure', { ref })));
  } catch (replyErr) {
    app.log.error({ err: replyErr, ref, where }, 'slack: could not show the failure message either');
  }
  return ref;
}

/**
 * Where to show a failure, read from the raw payload: the response_url of a command or
 * interaction, the thread of an event, or else a DM to the user.
 */
export function failureTarget(
  body: Record<string, any>,
): { responseUrl: string } | { channel: string; threadTs: string } | { userId: string } | null {
  if (typeof body.response_url === 'string') return { responseUrl: body.response_url };
  const event = body.event;
  if (event?.channel && event?.ts && (event.type === 'app_mention' || event.type === 'message')) {
    return { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
  }
  const userId = body.user?.id ?? body.user_id ?? event?.user;
  return typeof userId === 'string' ? { userId } : null;
}
