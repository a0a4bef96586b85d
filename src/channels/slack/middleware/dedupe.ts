import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppContext } from '../../../app.ts';

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

/** Claims a delivery in `processed_events`; false when it was already claimed (a duplicate). */
export async function claimDelivery(app: AppContext, key: string): Promise<boolean> {
  const rows = await app.db.query(
    `INSERT INTO processed_events (platform, event_id) VALUES ('slack', $1) ON CONFLICT DO NOTHING RETURNING event_id`,
    [key],
  );
  return rows.length > 0;
}

/** Forgets deliveries older than a week: Slack retries within minutes, so that is plenty. */
export async function pruneDeliveries(app: AppContext): Promise<void> {
  await app.db.query(`DELETE FROM processed_events WHERE platform = 'slack' AND received_at < now() - interval '7 days'`);
}

/**
 * Global middleware: a delivery seen before is acknowledged and goes no further, so Slack's
 * retries never produce a second answer or a second update.
 */
export function dedupe(app: AppContext): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Record<string, any>;
    const key = deliveryKey(body);
    if (key && !(await claimDelivery(app, key))) {
      app.log.info({ key, retryNum: args.context.retryNum, retryReason: args.context.retryReason }, 'slack: duplicate delivery ignored');
      const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
      await ack?.();
      return;
    }
    await args.next();
  };
}
