import { App, ExpressReceiver, HTTPModuleFunctions, LogLevel, SocketModeReceiver, webApi, type AuthorizeResult, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { Router } from 'express';
import type { AppContext } from '../../app.ts';
import type { Logger } from '../../log.ts';
import { malformedAware } from './middleware/request-guard.ts';

export type SlackConfig = NonNullable<AppContext['config']['slack']>;

/**
 * Every Web API call, whatever the API URL (Slack, a gateway or a simulator: the same behaviour
 * everywhere, so tests see production's): a timeout per attempt, and a few retries with backoff
 * on network errors, 5xx and rate limits (the client waits out Retry-After). The client's default
 * (ten retries over about half an hour) would hold an answer slot for as long; this bounds a
 * failing call to under half a minute, after which the person is told with a reference.
 */
export const SLACK_CALL_POLICY = {
  timeout: 8000,
  retryConfig: { retries: 2, factor: 2, minTimeout: 1000, maxTimeout: 4000, randomize: true },
} as const;

/**
 * A Web API attempt that timed out or found Slack failing is logged as an error at once (with
 * what is left to try), so a hung or failing API shows in the log while the call is still retried.
 */
function reportFailedAttempt(log: Logger) {
  return (err: Error & { attemptNumber?: number; retriesLeft?: number; code?: string; statusCode?: number }) => {
    const details = { err, attempt: err.attemptNumber, retriesLeft: err.retriesLeft };
    if (err.code === 'slack_webapi_rate_limited_error' || err.statusCode === 429) log.warn(details, 'slack: Web API call rate limited; retrying after Retry-After');
    else log.error(details, `slack: Web API call failed (attempt ${err.attemptNumber ?? '?'}, ${err.retriesLeft ?? '?'} retries left): ${err.message}`);
  };
}

export interface BoltSetup {
  bolt: App;
  /** The HTTP receiver (absent in Socket Mode); its router is mounted on the shared server. */
  receiver?: ExpressReceiver;
  /** Bot identity, resolved once through auth.test (lazily, cached on success only). */
  identity(): Promise<{ botUserId: string; botId: string }>;
  /** A Web API client holding the bot token, for work done outside a request (queued jobs). */
  client: webApi.WebClient;
}

/**
 * Bolt acknowledges an Events API request before its listeners run, so an event acknowledged and
 * then lost in a crash would be gone for good (Slack does not redeliver an acknowledged event).
 * This holds the acknowledgement of events until the listeners have finished; they only claim the
 * event and queue its work (one statement, milliseconds), so the ack stays fast and an
 * acknowledged event is always in the database. Other requests (commands, interactions) are
 * acknowledged by their listeners as before.
 */
export function ackEventsAfterListeners<R extends Receiver>(receiver: R): R {
  const init = receiver.init.bind(receiver);
  receiver.init = (bolt: App) =>
    init({
      processEvent: async (event: ReceiverEvent) => {
        if ((event.body as { type?: string })?.type !== 'event_callback') return bolt.processEvent(event);
        let acked: { response?: unknown } | null = null;
        const gate: AckGate = { refused: null };
        await bolt.processEvent({
          ...event,
          customProperties: { ...event.customProperties, ackGate: gate },
          ack: async (response?: unknown) => {
            acked = { response };
          },
        });
        // The work could not be stored: no ack, so Slack delivers the event again later.
        if (gate.refused) throw gate.refused;
        if (acked) await event.ack((acked as { response?: unknown }).response as never);
      },
    } as App);
  return receiver;
}

/** Set by a listener (context.ackGate) when an event must not be acknowledged. */
export interface AckGate {
  refused: Error | null;
}

/** Bolt logs through our pino logger (secrets masked, stderr), not its own console logger. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const child = log.child({ component: 'bolt' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.stack ?? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * Builds the Bolt app. Bolt's constructor calls auth.test right away when given a token, and an
 * unreachable API then kills Node with an unhandled rejection (STACK.md); we pass an `authorize`
 * function instead that resolves the bot identity on first use and caches it once it succeeds.
 */
export function createBolt(app: AppContext, slack: SlackConfig): BoltSetup {
  const logger = boltLogger(app.log);
  const clientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    ...SLACK_CALL_POLICY,
    retryConfig: { ...SLACK_CALL_POLICY.retryConfig, onFailedAttempt: reportFailedAttempt(app.log) },
  };
  let identity: Promise<{ botUserId: string; botId: string }> | undefined;
  let bolt: App;
  const resolveIdentity = () => {
    identity ??= bolt.client.auth
      .test({ token: slack.botToken })
      .then((r) => ({ botUserId: String(r.user_id), botId: String(r.bot_id) }))
      .catch((err: unknown) => {
        identity = undefined; // try again on the next request
        throw err;
      });
    return identity;
  };
  const authorize = async (): Promise<AuthorizeResult> => ({ botToken: slack.botToken, ...(await resolveIdentity()) });

  const client = new webApi.WebClient(slack.botToken, { ...clientOptions, logger });
  if (slack.appToken) {
    const socket = ackEventsAfterListeners(new SocketModeReceiver({ appToken: slack.appToken, logger }));
    bolt = new App({ authorize, receiver: socket, logger, clientOptions, convoStore: false, extendedErrorHandler: true });
    return { bolt, identity: resolveIdentity, client };
  }
  // Our own router, mounted on the shared Express server by the channel (see index.ts).
  // processBeforeResponse stays false: ack() answers Slack at once and the work continues after,
  // and ack bodies (view errors, command replies) still go out in the HTTP response.
  const receiver = ackEventsAfterListeners(new ExpressReceiver({
    signingSecret: slack.signingSecret,
    endpoints: '/slack/events',
    router: Router(),
    logger,
    processBeforeResponse: false,
    processEventErrorHandler: malformedAware(HTTPModuleFunctions.defaultProcessEventErrorHandler),
  }));
  bolt = new App({ authorize, receiver, logger, clientOptions, convoStore: false, extendedErrorHandler: true });
  return { bolt, receiver, identity: resolveIdentity, client };
}
