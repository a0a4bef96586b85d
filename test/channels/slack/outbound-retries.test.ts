import { expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { eventEnvelope, mentionEvent, newTs, send, slackServerFixture } from '../../support/slack-harness.ts';

describeEachEngine('Slack Web API calls: the same bounded retries against a simulator as against Slack', (s) => {
  const f = slackServerFixture(s);
  test('an answer whose post gets 500, then 429 with Retry-After, is retried and delivered once', async () => {
    const ts = newTs();
    f.sim.failNext('chat.postMessage', 2, 'http:500');
    await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: 'U0MEMBER', text: 'chi coordina il cantiere 8?', ts })));
    const posts = await f.sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && !c.fault, 1, 30_000);
    expect(posts).toHaveLength(1);
    expect(f.sim.calls.filter((c) => c.method === 'chat.postMessage' && c.fault === 500)).toHaveLength(2);

    const ts2 = newTs();
    f.sim.failNext('chat.postMessage', 1, 'http:429');
    await send(f.baseUrl, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: 'U0MEMBER', text: 'chi coordina il cantiere 8?', ts: ts2 })));
    const [limited] = await f.sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts2 && c.fault === 429, 1, 30_000);
    const [delivered] = await f.sim.waitForCount((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts2 && !c.fault, 1, 30_000);
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(900); // Retry-After: 1 honoured
  });

  test('/healthz reports the answer work', async () => {
    const res = await fetch(`${f.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect((await res.json()).work).toMatchObject({ running: expect.any(Number), waiting: 0 });
  });
});
