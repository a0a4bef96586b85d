import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import type { AppContext } from '../../../src/app.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import type { RunningServer } from '../../../src/server.ts';
import { describeEachEngine } from '../../support/db.ts';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from '../../support/fake-openai.ts';
import { eventEnvelope, mentionEvent, newTs, send, startSlackServer, testApp } from '../../support/slack-harness.ts';
import { interactiveBody } from '../../support/slack-sign.ts';
import { SIM_BOT, startSlackSimulator, type SlackCall, type SlackSimulator } from '../../support/slack-sim.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const C4 = 'C0000000004'; // cantiere 4 (ZLS) in the demo programme
const LEADER8 = 'U0000000008'; // team leader of cantiere 8 in the demo programme
const MEMBER = 'U0SOMEBODY';
const DM = 'D0ASSISTANT';

/** Slack's events for the assistant pane. */
function threadStarted(user: string, threadTs: string, contextChannel?: string) {
  return {
    type: 'assistant_thread_started',
    assistant_thread: { user_id: user, channel_id: DM, thread_ts: threadTs, context: contextChannel ? { channel_id: contextChannel, team_id: SIM_BOT.teamId, enterprise_id: null } : {} },
    event_ts: newTs(),
  };
}
function threadMessage(user: string, threadTs: string, text: string) {
  const ts = newTs();
  return { type: 'message', channel_type: 'im', channel: DM, user, text, ts, thread_ts: threadTs, event_ts: ts };
}
/** A click on feedback under an answer: Slack's feedback buttons element, or the plain 👎 button. */
function feedbackClick(sim: SlackSimulator, user: string, channel: string, value: string, element: 'feedback_buttons' | 'button') {
  return interactiveBody({
    type: 'block_actions',
    team: { id: SIM_BOT.teamId },
    user: { id: user, username: 'u', name: 'u', team_id: SIM_BOT.teamId },
    api_app_id: 'A0REGIA',
    trigger_id: `trig-${newTs()}`,
    response_url: sim.responseUrl(),
    container: { type: 'message', channel_id: channel, message_ts: newTs(), is_ephemeral: false },
    channel: { id: channel, name: 'dm' },
    actions: [
      element === 'button'
        ? { type: 'button', action_id: value.startsWith('bad') ? 'feedback_down' : 'feedback_up', block_id: 'feedback-x', value, text: { type: 'plain_text', text: '👎' }, action_ts: newTs() }
        : { type: 'feedback_buttons', action_id: 'answer_feedback', block_id: 'feedback-x', value, text: { type: 'plain_text', text: '👎' }, action_ts: newTs() },
    ],
  });
}

const index = (calls: SlackCall[], c: SlackCall) => calls.indexOf(c);

describeEachEngine('Slack AI-app surface: assistant threads, streaming, feedback', (s) => {
  let sim: SlackSimulator;
  let llm: FakeOpenAI;
  let app: AppContext;
  let server: RunningServer;
  let baseUrl: string;
  /** What the fake model answers to an answer prompt (null: HTTP 500, so the extractive writer answers). */
  let answerWith: ((passages: number) => FakeReply) | null = null;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    llm = await startFakeOpenAI({
      chat: (body) => {
        const prompt: string = body.messages.at(-1).content;
        const count = Number(/\(1 to (\d+)\)/.exec(prompt)?.[1] ?? 0);
        if (!answerWith || !/answer strictly from the given passages/.test(body.messages[0].content)) return { status: 500, body: { error: { message: 'not today' } } };
        return answerWith(count);
      },
    });
    ({ app } = testApp(s.db, { OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'fake-model', OPENAI_TIMEOUT_MS: '10000' }));
    ({ server, baseUrl } = await startSlackServer(app, sim));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await sim?.close();
    await llm?.close();
  });
  beforeEach(async () => {
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
    await ingestPaths(app, [join(FIXTURES, 'zls-note.md'), join(FIXTURES, 'dmo-note.md')]);
    sim.reset();
    answerWith = null;
  });

  test('assistant_thread_started sets suggested prompts from the programme: the viewed channel\'s cantiere, else the person\'s', async () => {
    const viewing = newTs();
    expect((await send(baseUrl, eventEnvelope(threadStarted(MEMBER, viewing, C4)))).status).toBe(200);
    const prompts = await sim.waitFor((c) => c.method === 'assistant.threads.setSuggestedPrompts' && c.body.thread_ts === viewing);
    expect(prompts.body.channel_id).toBe(DM);
    const messages = (prompts.body.prompts as { title: string; message: string }[]).map((p) => p.message);
    // Cantiere 4's projects (demo programme language: Italian), what is due, who leads it.
    expect(messages).toContain('A che punto è ZLS?');
    expect(messages).toContain('A che punto è Mappatura dei colli di bottiglia della rete?');
    expect(messages).toContain('Cosa scade questa settimana?');
    expect(messages).toContain('Chi coordina il cantiere 4?');

    const own = newTs();
    await send(baseUrl, eventEnvelope(threadStarted(LEADER8, own)));
    const leader = await sim.waitFor((c) => c.method === 'assistant.threads.setSuggestedPrompts' && c.body.thread_ts === own);
    expect((leader.body.prompts as { message: string }[]).map((p) => p.message)).toContain('Chi coordina il cantiere 8?');
  });

  test('a question in an assistant thread gets a status, then the answer (extractive: posted at once, no stream)', async () => {
    const thread = newTs();
    await send(baseUrl, eventEnvelope(threadStarted(MEMBER, thread, C4)));
    await sim.waitFor((c) => c.method === 'assistant.threads.setSuggestedPrompts');
    await send(baseUrl, eventEnvelope(threadMessage(MEMBER, thread, 'What is the Zona Logistica Semplificata?')));
    const answer = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === thread);
    const statuses = sim.callsTo('assistant.threads.setStatus');
    expect(statuses.map((c) => c.body.status)).toEqual(['searching the documents…', expect.stringMatching(/^reading \d+ passages?…$/)]);
    expect(statuses.every((c) => c.body.channel_id === DM && c.body.thread_ts === thread)).toBe(true);
    expect(index(sim.calls, statuses[1])).toBeLessThan(index(sim.calls, answer));
    expect(JSON.stringify(answer.body.blocks)).toMatch(/river port/);
    expect(sim.callsTo('reactions.add')).toHaveLength(0);
    expect(sim.callsTo('chat.startStream')).toHaveLength(0);
  });

  test('with the model streaming, the answer streams (start, several appends, stop) and the final text cites only given passages', async () => {
    answerWith = (count) => {
      expect(count).toBeGreaterThan(1);
      const answer = [
        'La ZLS collega il porto fluviale al terminal ferroviario [1].',
        `Il suo bilancio è di 90 milioni di euro [${count + 3}].`,
        "Il gruppo di lavoro è coordinato dall'ufficio portuale della Provincia [1].",
        'Il tavolo di coordinamento si riunisce ogni mese con i Comuni [1, 2].',
        'Ne fanno parte i Comuni lungo il canale [2].',
      ].join(' ');
      const content = JSON.stringify({ answer, abstain: false });
      return { content, chunks: content.match(/.{1,9}/gs)!, chunkDelayMs: 2 };
    };
    const thread = newTs();
    await send(baseUrl, eventEnvelope(threadStarted(MEMBER, thread, C4)));
    await send(baseUrl, eventEnvelope(threadMessage(MEMBER, thread, 'chi coordina la ZLS?')));
    const stop = await sim.waitFor((c) => c.method === 'chat.stopStream', 20_000);
    const streamCalls = sim.calls.filter((c) => c.method.startsWith('chat.') && c.method.endsWith('Stream'));
    expect(streamCalls[0].method).toBe('chat.startStream');
    expect(streamCalls.at(-1)).toBe(stop);
    expect(streamCalls.filter((c) => c.method === 'chat.appendStream').length).toBeGreaterThanOrEqual(2);
    expect(streamCalls[0].body).toMatchObject({ channel: DM, thread_ts: thread, recipient_user_id: MEMBER, recipient_team_id: SIM_BOT.teamId });
    // The status came before the first streamed words.
    expect(index(sim.calls, sim.callsTo('assistant.threads.setStatus')[0])).toBeLessThan(index(sim.calls, streamCalls[0]));

    const message = sim.streams.get(stop.body.ts)!;
    expect(message.stopped).toBe(true);
    expect(message.text).not.toContain('90 milioni');
    const cited = [...message.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    const sources = JSON.stringify(message.blocks).match(/\[(\d+)\] \*/g) ?? [];
    expect(cited.length).toBeGreaterThan(0);
    expect(Math.max(...cited)).toBeLessThanOrEqual(sources.length);
    const feedback = (message.blocks as any[]).find((b) => b.type === 'context_actions');
    expect(feedback.elements[0]).toMatchObject({ type: 'feedback_buttons', action_id: 'answer_feedback' });
    expect(sim.callsTo('chat.postMessage')).toHaveLength(0);
    // The stored answer is the streamed text.
    const id = Number(/^good:(\d+)$/.exec(feedback.elements[0].positive_button.value)![1]);
    const [stored] = await s.db.query(`SELECT answer FROM answers WHERE id = $1`, [id]);
    expect(stored.answer).toBe(message.text.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'));
    // Slack's feedback buttons work like the plain ones: a 👍 is stored and thanked.
    await send(baseUrl, feedbackClick(sim, MEMBER, DM, feedback.elements[0].positive_button.value, 'feedback_buttons'));
    await sim.waitFor((c) => c.method === 'response_url');
    expect(await s.db.query(`SELECT value FROM feedback WHERE answer_id = $1`, [id])).toEqual([{ value: 1 }]);
  });

  test('a refused stream falls back to one post of the whole answer (a mention in a channel)', async () => {
    answerWith = () => ({ content: JSON.stringify({ answer: "La ZLS è coordinata dall'ufficio portuale della Provincia [1]. Il tavolo è mensile [1]." }) });
    sim.refuseStreams();
    const ts = newTs();
    await send(baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: MEMBER, text: 'chi coordina la ZLS?', ts })));
    const post = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 20_000);
    expect(sim.callsTo('chat.startStream')).toHaveLength(1);
    expect(sim.callsTo('chat.appendStream')).toHaveLength(0);
    expect(sim.callsTo('chat.stopStream')).toHaveLength(0);
    expect(sim.callsTo('chat.postMessage')).toHaveLength(1);
    expect(JSON.stringify(post.body.blocks)).toContain('ufficio portuale della Provincia [1]. Il tavolo è mensile [1].');
    expect(JSON.stringify(post.body.blocks)).toContain('feedback_down');
  });

  test('a 👎 asks what was wrong; the same question then does not get that answer as if fine', async () => {
    const question = 'What is the Zona Logistica Semplificata?';
    const first = newTs();
    await send(baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: MEMBER, text: question, ts: first })));
    const answer = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === first);
    const down = (answer.body.blocks as any[]).find((b) => b.type === 'actions').elements.find((e: any) => e.action_id === 'feedback_down');
    const click = await send(baseUrl, feedbackClick(sim, MEMBER, C4, down.value, 'button'));
    expect(click.status).toBe(200);
    const form = await sim.waitFor((c) => c.method === 'views.open');
    expect(JSON.stringify(form.body.view)).toMatch(/What was wrong\? \(optional\)/);
    const [vote] = await s.db.query(`SELECT value FROM feedback`);
    expect(vote.value).toBe(-1);

    const again = newTs();
    await send(baseUrl, eventEnvelope(mentionEvent({ channel: C4, user: LEADER8, text: 'what is the zona logistica semplificata', ts: again })));
    const second = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === again);
    const text = JSON.stringify(second.body.blocks);
    expect(answer.body.text).toMatch(/river port/);
    expect(second.body.text).toMatch(/was marked wrong/);
    expect(second.body.text).not.toMatch(/river port/);
    const firstSources = JSON.stringify(answer.body.blocks).match(/\[\d+\] \*[^*]+\*(?: - [^\\"]+)?/g) ?? [];
    for (const src of firstSources) expect(text).not.toContain(src.replace(/^\[\d+\] /, ''));
  });
});
