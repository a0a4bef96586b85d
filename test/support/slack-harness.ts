import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEMO_PROGRAMME } from '../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import type { ProgrammeFile } from '../../src/programme/schema.ts';
import type { AppContext } from '../../src/app.ts';
import { createSlackChannel } from '../../src/channels/slack/index.ts';
import { loadConfig } from '../../src/config.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import type { Db } from '../../db/client.ts';
import { SIM_BOT, startSlackSimulator, type SlackSimulator } from './slack-sim.ts';
import { interactiveBody, signedSlackRequest, type SignedRequestOptions } from './slack-sign.ts';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-regia';

/** An AppContext on a test database, with pino logs captured as parsed objects. */
export function testApp(db: Db, env: Record<string, string> = {}): { app: AppContext; logs: Record<string, any>[] } {
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({ REGIA_DEMO: 'off', LOG_LEVEL: 'info', ...env }, { dotenv: false });
  const log = pino({ level: 'info' }, sink);
  return { app: { config, log, db, programme: () => readProgramme(db), close: async () => {} }, logs };
}

/** The real Slack channel on the real HTTP server (port 0), talking to the simulator. */
export async function startSlackServer(app: AppContext, sim: SlackSimulator): Promise<{ server: RunningServer; baseUrl: string }> {
  const channel = createSlackChannel(app, { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: sim.url });
  const server = await startServer(app, [channel], [], 0);
  return { server, baseUrl: `http://127.0.0.1:${server.port}` };
}

/** What a Slack channel test works against: the simulator, the app and its logs, the running server. */
export interface SlackServerFixture {
  sim: SlackSimulator;
  app: AppContext;
  logs: Record<string, any>[];
  server: RunningServer;
  baseUrl: string;
}

/**
 * Registers the usual hooks of a Slack channel suite: one simulator and server for the suite; before
 * each test the programme (the demo's unless given) (re)loaded, the simulator's calls and the logs cleared. The fields are
 * filled when the suite starts.
 */
export function slackServerFixture(s: { db: Db }, opts: { env?: Record<string, string>; programme?: () => ProgrammeFile } = {}): SlackServerFixture {
  const f = {} as SlackServerFixture;
  beforeAll(async () => {
    f.sim = await startSlackSimulator();
    ({ app: f.app, logs: f.logs } = testApp(s.db, opts.env));
    ({ server: f.server, baseUrl: f.baseUrl } = await startSlackServer(f.app, f.sim));
  });
  afterAll(async () => {
    await f.server?.close();
    await f.sim?.close();
  });
  beforeEach(async () => {
    await loadProgramme(s.db, opts.programme?.() ?? parseProgrammeFile(DEMO_PROGRAMME));
    f.sim.reset();
    f.logs.length = 0;
  });
  return f;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

/** An Events API envelope around `event`, as Slack posts it. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${unique()}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: SIM_BOT.teamId,
    api_app_id: 'A0REGIA',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: SIM_BOT.teamId, user_id: SIM_BOT.userId, is_bot: true }],
  };
}

export function newTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
}

export function mentionEvent(opts: { channel: string; user: string; text: string; ts?: string; threadTs?: string }): Record<string, unknown> {
  return {
    type: 'app_mention',
    channel: opts.channel,
    user: opts.user,
    text: `<@${SIM_BOT.userId}> ${opts.text}`,
    ts: opts.ts ?? newTs(),
    ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    event_ts: opts.ts ?? newTs(),
  };
}

export function dmEvent(opts: { channel: string; user: string; text: string; ts?: string; threadTs?: string }): Record<string, unknown> {
  return {
    type: 'message',
    channel_type: 'im',
    channel: opts.channel,
    user: opts.user,
    text: opts.text,
    ts: opts.ts ?? newTs(),
    ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    event_ts: opts.ts ?? newTs(),
  };
}

export function slashCommand(sim: SlackSimulator, opts: { text: string; user: string; channel: string }): URLSearchParams {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: SIM_BOT.teamId,
    channel_id: opts.channel,
    user_id: opts.user,
    user_name: `user-${opts.user}`,
    command: '/regia',
    text: opts.text,
    api_app_id: 'A0REGIA',
    response_url: sim.responseUrl(`cmd-${unique()}`),
    trigger_id: `trig-${unique()}`,
  });
}

export function blockAction(sim: SlackSimulator, opts: { user: string; channel: string; actionId: string; value: string }): URLSearchParams {
  return interactiveBody({
    type: 'block_actions',
    team: { id: SIM_BOT.teamId },
    user: { id: opts.user, username: `user-${opts.user}`, name: `user-${opts.user}`, team_id: SIM_BOT.teamId },
    api_app_id: 'A0REGIA',
    trigger_id: `trig-${unique()}`,
    response_url: sim.responseUrl(`act-${unique()}`),
    container: { type: 'message', channel_id: opts.channel, message_ts: newTs(), is_ephemeral: false },
    channel: { id: opts.channel, name: 'general' },
    actions: [{ type: 'button', action_id: opts.actionId, block_id: 'b', value: opts.value, action_ts: newTs() }],
  });
}

export function viewSubmission(opts: { user: string; view: Record<string, any>; values: Record<string, Record<string, unknown>> }): URLSearchParams {
  return interactiveBody({
    type: 'view_submission',
    team: { id: SIM_BOT.teamId },
    user: { id: opts.user, username: `user-${opts.user}`, name: `user-${opts.user}`, team_id: SIM_BOT.teamId },
    api_app_id: 'A0REGIA',
    trigger_id: `trig-${unique()}`,
    view: { id: `V${unique()}`, hash: unique(), ...opts.view, state: { values: opts.values } },
  });
}

export function messageShortcut(sim: SlackSimulator, opts: { user: string; channel: string; text: string; author?: string }): URLSearchParams {
  return interactiveBody({
    type: 'message_action',
    callback_id: 'log_update',
    team: { id: SIM_BOT.teamId },
    user: { id: opts.user, username: `user-${opts.user}`, name: `user-${opts.user}`, team_id: SIM_BOT.teamId },
    channel: { id: opts.channel, name: 'cantiere' },
    message: { type: 'message', user: opts.author ?? opts.user, text: opts.text, ts: newTs() },
    message_ts: newTs(),
    trigger_id: `trig-${unique()}`,
    response_url: sim.responseUrl(`sc-${unique()}`),
  });
}

/** Sends a signed request to the running server's Slack endpoint. */
export function send(baseUrl: string, body: Record<string, unknown> | URLSearchParams, opts?: SignedRequestOptions) {
  return signedSlackRequest(baseUrl, TEST_SIGNING_SECRET, body, opts);
}
