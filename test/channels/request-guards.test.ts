import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppContext } from '../../src/app.ts';
import { createSlackChannel } from '../../src/channels/slack/index.ts';
import { createTeamsChannel } from '../../src/channels/teams/index.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { describeEachEngine } from '../support/db.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testApp } from '../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../support/slack-sim.ts';
import { signedSlackRequest } from '../support/slack-sign.ts';

describeEachEngine('requests Slack or the Bot Framework never send', (s) => {
  let app: AppContext;
  let sim: SlackSimulator;
  let server: RunningServer;
  let baseUrl: string;
  beforeAll(async () => {
    sim = await startSlackSimulator();
    ({ app } = testApp(s.db));
    const slack = createSlackChannel(app, { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: sim.url });
    server = await startServer(app, [slack, createTeamsChannel(app)], [], 0);
    baseUrl = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  test('a correctly signed Slack request dated 6 minutes ahead is refused, and nothing is called', async () => {
    const body = { type: 'url_verification', challenge: 'c-future' };
    const future = await signedSlackRequest(baseUrl, TEST_SIGNING_SECRET, body, { timestamp: Math.floor(Date.now() / 1000) + 360 });
    expect(future.status).toBe(401);
    const now = await signedSlackRequest(baseUrl, TEST_SIGNING_SECRET, body);
    expect(now.status).toBe(200);
    expect(sim.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  test.each([
    ['JSON null', 'null'],
    ['JSON array', '[1,2,3]'],
    ['event_callback without event', JSON.stringify({ type: 'event_callback', event_id: 'EvNoEvent' })],
    ['view_submission without view', new URLSearchParams({ payload: JSON.stringify({ type: 'view_submission', user: { id: 'U1' } }) })],
    ['block_actions without actions', new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, trigger_id: 't' }) })],
    ['form payload without type', new URLSearchParams({ payload: JSON.stringify({ foo: 1 }) })],
  ] as const)('a signed Slack body of a shape Slack never sends (%s) gets a 4xx, not a 500', async (_label, body) => {
    const r = await signedSlackRequest(baseUrl, TEST_SIGNING_SECRET, body as string | URLSearchParams);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  test.each([
    ['empty body', ''],
    ['JSON null', 'null'],
    ['activity without type', JSON.stringify({ id: '1', text: 'ciao', conversation: { id: 'a:1' }, from: { id: '29:x' }, serviceUrl: 'http://127.0.0.1:9/' })],
    ['serviceUrl file:///etc/passwd', JSON.stringify({ type: 'message', text: 'ciao', conversation: { id: 'a:1' }, from: { id: '29:x' }, serviceUrl: 'file:///etc/passwd' })],
    ['card action invoke with a garbage value', JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action', id: 'inv-1', value: 'garbage', conversation: { id: 'a:1' }, from: { id: '29:x' }, recipient: { id: '28:bot' }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/' })],
  ])('a Teams body that is not an activity Regia can act on (%s) gets 400', async (_label, body) => {
    const r = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(r.status).toBe(400);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});
