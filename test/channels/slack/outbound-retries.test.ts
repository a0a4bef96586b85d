import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppContext } from '../../../src/app.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import type { RunningServer } from '../../../src/server.ts';
import { describeEachEngine } from '../../support/db.ts';
import { eventEnvelope, mentionEvent, newTs, send, startSlackServer, testApp } from '../../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../../support/slack-sim.ts';

describeEachEngine('Slack Web API calls: the same bounded retries against a simulator as against Slack', (s) => {
  let app: AppContext;
  let sim: SlackSimulator;
  let server: RunningServer;
  let baseUrl: string;
  beforeAll(async () => {
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
    sim = await startSlackSimulator();
    ({ app } = testApp(s.db));
    ({ server, baseUrl } = await startSlackServer(app, sim));
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  test('an answer whose post gets 500, then 429 with Retry-After, is retried and delivered once', async () => {
    const ts = newTs();
    sim.failNext('chat.postMessage', 2, 'http:500');
    await send(baseUrl, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: 'U0MEMBER', text: 'chi coordina il cantiere 8?', ts })));
    const posts = await sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && !c.fault, 1, 30_000);
    expect(posts).toHaveLength(1);
    expect(sim.calls.filter((c) => c.method === 'chat.postMessage' && c.fault === 500)).toHaveLength(2);

    const ts2 = newTs();
    sim.failNext('chat.postMessage', 1, 'http:429');
    await send(baseUrl, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: 'U0MEMBER', text: 'chi coordina il cantiere 8?', ts: ts2 })));
    const [limited] = await sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts2 && c.fault === 429, 1, 30_000);
    const [delivered] = await sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts2 && !c.fault, 1, 30_000);
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(900); // Retry-After: 1 honoured
  });

  test('/healthz reports the answer work', async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect((await res.json()).work).toMatchObject({ running: expect.any(Number), waiting: 0 });
  });
});
