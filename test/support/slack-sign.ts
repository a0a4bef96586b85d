import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** An interactive payload (block_actions, view_submission, shortcuts) as Slack posts it: form field `payload`. */
export function interactiveBody(payload: Record<string, unknown>): URLSearchParams {
  return new URLSearchParams({ payload: JSON.stringify(payload) });
}

export interface SignedRequestOptions {
  /** Path of the receiver (default `/slack/events`). */
  path?: string;
  /** Seconds since the epoch written in the signature (default now); an old one makes a stale request. */
  timestamp?: number;
  /** Overrides the computed signature (e.g. a wrong one). */
  signature?: string;
  /** Slack's retry headers. */
  retryNum?: number;
  retryReason?: string;
  signal?: AbortSignal;
}

export interface SignedResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: any;
  /** Milliseconds from sending to the complete response. */
  elapsedMs: number;
}

/**
 * Sends a request to a Slack receiver the way Slack does: JSON for Events API bodies (plain
 * objects), `application/x-www-form-urlencoded` for slash commands and interactivity
 * (URLSearchParams), signed with the app's signing secret.
 */
export async function signedSlackRequest(
  baseUrl: string,
  signingSecret: string,
  body: Record<string, unknown> | URLSearchParams | string,
  opts: SignedRequestOptions = {},
): Promise<SignedResponse> {
  const form = body instanceof URLSearchParams;
  const raw = typeof body === 'string' ? body : form ? body.toString() : JSON.stringify(body);
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': opts.signature ?? slackSignature(signingSecret, timestamp, raw),
  };
  if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
  if (opts.retryReason !== undefined) headers['x-slack-retry-reason'] = opts.retryReason;
  const url = new URL(opts.path ?? '/slack/events', baseUrl).toString();
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body: raw, signal: opts.signal });
  const text = await res.text();
  const elapsedMs = performance.now() - started;
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, elapsedMs };
}
