import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ingestPaths } from '../../ingest/pipeline.ts';
import type { AppContext } from '../../src/app.ts';
import { createSlackChannel } from '../../src/channels/slack/index.ts';
import { createTeamsChannel } from '../../src/channels/teams/index.ts';
import { DEMO_PROGRAMME } from '../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { ROOT } from '../support/cli.ts';
import { describeEachEngine } from '../support/db.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { eventEnvelope, mentionEvent, newTs, send, testApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../support/slack-sim.ts';
import { messageActivity, postActivity, startFakeConnector, type FakeConnector } from '../support/teams-connector.ts';
import { expectSlackMessageWithinLimits, expectTeamsActivityWithinLimits, slackVisibleText, teamsVisibleText } from '../support/limits.ts';

const C4 = 'C0000000004';
const SOURCES = 6;

/** A ~20,000-character answer citing six passages, each sentence numbered so a lost one shows. */
function longAnswer(): string {
  const sentences: string[] = [];
  for (let i = 1; sentences.join(' ').length < 20_000; i++) {
    sentences.push(`Punto ${i}: la ZLS richiede costi stimati & tempi rapidi, come dice il piano [${((i - 1) % SOURCES) + 1}].`);
    if (i % 12 === 0) sentences.push('\n\n');
  }
  return sentences.join(' ');
}
const ANSWER = longAnswer();
const POINTS = ANSWER.match(/Punto \d+:/g)!.length;

describeEachEngine('Long answers stay within every platform limit and lose nothing', (s) => {
  let llm: FakeOpenAI;
  let sim: SlackSimulator;
  let connector: FakeConnector;
  let app: AppContext;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    llm = await startFakeOpenAI({ chat: () => JSON.stringify({ answer: ANSWER }) });
    sim = await startSlackSimulator();
    connector = await startFakeConnector();
    ({ app } = testApp(s.db, { OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'fake-model', OPENAI_TIMEOUT_MS: '20000' }));
    const slack = createSlackChannel(app, { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: sim.url });
    server = await startServer(app, [slack, createTeamsChannel(app)], [], 0);
    base = `http://127.0.0.1:${server.port}`;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await Promise.all([sim?.close(), connector?.close(), llm?.close()]);
  });
  beforeEach(async () => {
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
    await ingestPaths(app, [`${ROOT}/examples/corpus`]);
    sim.reset();
    connector.activities.length = 0;
  }, 120_000);

  const expectEverything = (visible: string) => {
    for (let i = 1; i <= POINTS; i++) expect(visible, `Punto ${i} lost`).toContain(`Punto ${i}:`);
    for (let n = 1; n <= SOURCES; n++) expect(visible, `source [${n}] lost`).toMatch(new RegExp(`(^|\\n)\\[${n}\\] `));
  };

  test('Slack: a 20,000-character answer with six sources', async () => {
    const ts = newTs();
    await send(base, eventEnvelope(mentionEvent({ channel: C4, user: 'U0SOMEBODY', text: 'what does the plan say about the ZLS?', ts })));
    await sim.waitFor((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && JSON.stringify(c.body.blocks).includes('feedback_down'), 25_000);
    // The answer streamed until it outgrew one message; the streamed message then became its first page.
    const streamed = new Set([...sim.streams].filter(([, m]) => m.threadTs === ts).map(([key]) => key));
    const posts = sim.calls.filter((c) => (c.method === 'chat.postMessage' && c.body.thread_ts === ts) || (c.method === 'chat.update' && streamed.has(c.body.ts)));
    expect(streamed.size).toBe(1);
    for (const p of posts) expectSlackMessageWithinLimits(p.body);
    expectEverything(posts.map((p) => slackVisibleText(p.body)).join('\n'));
  });

  test('Teams: a 20,000-character answer with six sources', async () => {
    await postActivity(base, messageActivity('what does the plan say about the ZLS?', { serviceUrl: connector.serviceUrl }));
    // The answer streamed until it outgrew one message; the stream's final message says the whole
    // answer follows, in cards.
    const messages = connector.activities.filter((a) => a.activity.type === 'message');
    for (const m of messages) expectTeamsActivityWithinLimits(m.activity);
    expect(messages.filter((m) => m.activity.channelData?.streamType === 'final')).toHaveLength(1);
    const posts = messages.filter((a) => a.activity.attachments?.length);
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) expectTeamsActivityWithinLimits(p.activity);
    expectEverything(posts.map((p) => teamsVisibleText(p.activity)).join('\n'));
    // The 👍/👎 buttons are on the last card only.
    expect(posts.map((p) => (p.activity.attachments[0].content.actions ?? []).length)).toEqual([...posts.slice(1).map(() => 0), 2]);
  });
});
