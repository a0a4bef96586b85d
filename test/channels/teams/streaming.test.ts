import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ingestPaths } from '../../../ingest/pipeline.ts';
import type { AppContext } from '../../../src/app.ts';
import { createTeamsChannel } from '../../../src/channels/teams/index.ts';
import { DEMO_PROGRAMME } from '../../../src/demo.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { startServer, type RunningServer } from '../../../src/server.ts';
import { describeEachEngine } from '../../support/db.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.ts';
import { testApp } from '../../support/slack-harness.ts';
import { messageActivity, postActivity, startFakeConnector, type ConnectorActivity, type FakeConnector } from '../../support/teams-connector.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'slack', 'fixtures');
/**
 * The stream fields of an activity as they reach the connector. botbuilder 4.23's serializer keeps
 * only the known fields of an entity (the `streaminfo` entity arrives as its type alone), so the
 * stream travels in channelData, as Microsoft's botbuilder-based Teams AI library sends it too.
 */
const streamInfo = (a: ConnectorActivity) =>
  a.activity.channelData?.streamType && (a.activity.entities ?? []).some((e: any) => e.type === 'streaminfo') ? a.activity.channelData : undefined;

describeEachEngine('Teams 1:1 answers stream through the CloudAdapter', (s) => {
  let connector: FakeConnector;
  let llm: FakeOpenAI;
  let server: RunningServer;
  let base: string;
  let app: AppContext;

  beforeAll(async () => {
    connector = await startFakeConnector();
    llm = await startFakeOpenAI({
      chat: (body) => {
        if (!/answer strictly from the given passages/.test(body.messages[0].content)) return { status: 500, body: { error: { message: 'no' } } };
        const count = Number(/\(1 to (\d+)\)/.exec(body.messages.at(-1).content)?.[1] ?? 1);
        const answer = [
          'The Zona Logistica Semplificata links the river port to the rail freight terminal [1].',
          `It has a budget of 90 million euros [${count + 4}].`,
          'Its working group is coordinated by the harbour office of the Province [1].',
          'A steering table meets every month with the municipalities [1].',
        ].join(' ');
        const content = JSON.stringify({ answer, abstain: false });
        return { content, chunks: content.match(/.{1,10}/gs)!, chunkDelayMs: 2 };
      },
    });
    ({ app } = testApp(s.db, { OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'fake-model', OPENAI_TIMEOUT_MS: '10000', TEAMS_STREAM_INTERVAL_MS: '0' }));
    server = await startServer(app, [createTeamsChannel(app)], [], 0);
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    await llm?.close();
  });
  beforeEach(async () => {
    connector.activities.length = 0;
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
    await ingestPaths(app, [join(FIXTURES, 'zls-note.md')]);
  });

  test('a 1:1 question streams: informative updates, growing text with increasing sequence numbers, then the final message with citations and feedback', async () => {
    const res = await postActivity(base, messageActivity('who coordinates the Zona Logistica Semplificata?', { serviceUrl: connector.serviceUrl }));
    expect(res.status).toBeLessThan(300);
    const [final] = await connector.waitFor(1, (a) => streamInfo(a)?.streamType === 'final', 20_000);
    const stream = connector.activities.filter((a) => streamInfo(a));
    const infos = stream.map(streamInfo);
    // Informative first, then streaming, then the final message, in that order.
    const kinds = infos.map((i: any) => i.streamType);
    expect(kinds[0]).toBe('informative');
    expect(kinds.at(-1)).toBe('final');
    expect(kinds.lastIndexOf('informative')).toBeLessThan(kinds.indexOf('streaming'));
    const streaming = stream.filter((a) => streamInfo(a).streamType === 'streaming');
    expect(streaming.length).toBeGreaterThanOrEqual(2);
    expect(stream[0].activity.text).toBe('searching the documents…');
    // One stream: every later activity names the id the connector gave the first one.
    const streamId = stream[0].id;
    for (const a of stream.slice(1)) expect(streamInfo(a).streamId).toBe(streamId);
    const sequences = stream.filter((a) => a.activity.type === 'typing').map((a) => streamInfo(a).streamSequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    // The text grows; the claim citing a passage it was not given never shows.
    const texts = streaming.map((a) => a.activity.text as string);
    for (let i = 1; i < texts.length; i++) expect(texts[i].startsWith(texts[i - 1])).toBe(true);
    for (const t of [...texts, final.activity.text]) expect(t).not.toContain('90 million');
    expect(final.activity.type).toBe('message');
    expect(final.activity.text).toMatch(/harbour office of the Province \[1\]/);
    const card = final.activity.attachments[0].content;
    expect(JSON.stringify(card.body)).toMatch(/\[1\] Zona Logistica Semplificata/);
    expect(card.actions.map((a: any) => a.verb)).toEqual(['regia.feedback', 'regia.feedback']);
    // Nothing else carried the answer.
    expect(connector.activities.filter((a) => a.activity.type === 'message' && a !== final)).toHaveLength(0);
  });

  test('when Teams refuses the stream, the answer comes as one message', async () => {
    connector.refuseStreams();
    await postActivity(base, messageActivity('who coordinates the Zona Logistica Semplificata?', { serviceUrl: connector.serviceUrl }));
    const [answer] = await connector.waitFor(1, (a) => a.activity.type === 'message', 20_000);
    expect(connector.activities.filter((a) => streamInfo(a))).toHaveLength(0);
    expect(JSON.stringify(answer.activity.attachments[0].content)).toMatch(/harbour office of the Province \[1\]/);
  });
});
