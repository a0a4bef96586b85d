import type { ReceiverProcessEventErrorHandlerArgs as ProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { RequestHandler } from 'express';

/** Slack's own bound on a request's age; the receiver checks the past, we add the future. */
const MAX_SKEW_S = 5 * 60;

/**
 * Refuses a request dated more than five minutes ahead (Bolt's receiver refuses stale ones only):
 * a signature captured with a future timestamp must not stay replayable for longer than Slack's
 * window.
 */
export const refuseFutureRequests: RequestHandler = (req, res, next) => {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  if (Number.isFinite(ts) && ts > Date.now() / 1000 + MAX_SKEW_S) {
    res.status(401).send();
    return;
  }
  next();
};

/**
 * What is wrong with a signed request body whose shape Slack never sends, or null when it looks
 * like Slack's. Bolt assumes the shape and throws deep inside dispatch on anything else.
 */
export function slackBodyProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'not an object';
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') return typeof b.user_id === 'string' ? null : 'slash command without user_id';
  if (typeof b.type !== 'string') return 'no type';
  if (b.type === 'event_callback') return b.event && typeof b.event === 'object' ? null : 'event_callback without event';
  if (b.type === 'view_submission' || b.type === 'view_closed') return b.view && typeof b.view === 'object' ? null : `${b.type} without view`;
  if (b.type === 'block_actions') return Array.isArray(b.actions) ? null : 'block_actions without actions';
  return null;
}

/**
 * Bolt's last word on an error while dispatching a request: a body of a shape Slack never sends
 * gets 400 (the sender's mistake), everything else keeps Bolt's handling (500, logged).
 */
export function malformedAware(fallback: (args: ProcessEventErrorHandlerArgs) => Promise<boolean>) {
  return async (args: ProcessEventErrorHandlerArgs): Promise<boolean> => {
    const problem = slackBodyProblem((args.request as { body?: unknown }).body);
    if (problem && !args.response.headersSent) {
      args.logger.warn(`slack: malformed request body refused (${problem})`);
      args.response.writeHead(400);
      args.response.end();
      return true;
    }
    return fallback(args);
  };
}
