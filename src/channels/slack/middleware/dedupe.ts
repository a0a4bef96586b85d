import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppContext } from '../../../app.ts';
import { claimEvent } from '../../../core/chat/events.ts';

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
 * Global middleware: a delivery seen before is acknowledged and goes no further, so Slack's
 * retries never produce a second answer or a second update.
 */
export function dedupe(app: AppContext): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Record<string, any>;
    const key = deliveryKey(body);
    if (key && !(await claimEvent(app.db, 'slack', key))) {
      app.log.info({ key, retryNum: args.context.retryNum, retryReason: args.context.retryReason }, 'slack: duplicate delivery ignored');
      const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
      await ack?.();
      return;
    }
    await args.next();
  };
}
