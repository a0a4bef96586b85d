import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../../db/client.ts';
import type { AppContext } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { parseUpdateMessage } from '../../../src/core/updates/parse.ts';
import { createLogger } from '../../../src/log.ts';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from '../../support/fake-openai.ts';
import { programmeFromFile } from './fixtures.ts';

const programme = programmeFromFile();
const now = new Date('2026-11-22T10:00:00Z');
const TEXT = 'update ZLS: firmato il protocollo, siamo al 40%, prossimo passo la delibera entro il 31 marzo 2027';

describe('update parsing with an OpenAI-compatible model', () => {
  let fake: FakeOpenAI;
  let reply: () => string | FakeReply = () => '';
  let app: AppContext;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ chat: () => reply() });
    const config = loadConfig(
      { REGIA_DEMO: 'off', OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'k', LLM_MODEL: 'fake-llm', OPENAI_TIMEOUT_MS: '500' } as NodeJS.ProcessEnv,
      { dotenv: false },
    );
    // Parsing reads only the programme: a context without a database is enough here.
    app = { config, log: createLogger('silent'), db: undefined as unknown as Db, programme: async () => programme, close: async () => {} };
  });
  afterAll(async () => fake?.close());

  test('structured output is used, checked by the schema, with the project mapped from its alias', async () => {
    reply = () =>
      JSON.stringify({ project: 'ZLS', status: 'on_track', progress: 40, summary: 'Firmato il protocollo', next_steps: 'Delibera di giunta', blockers: null, due_date: '2027-03-31' });
    const p = await parseUpdateMessage(app, TEXT, { now });
    expect(p).toEqual({ project: 'zls', status: 'on_track', progress: 40, summary: 'Firmato il protocollo', next_steps: 'Delibera di giunta', blockers: null, due_date: '2027-03-31' });
    const req = fake.requests.at(-1)!;
    expect(req.body.model).toBe('fake-llm');
    expect(req.body.response_format.type).toBe('json_schema');
    expect(req.body.messages[0].content).toMatch(/- zls: Zona Logistica Semplificata; ZLS/);
  });

  test.each<[string, () => string | FakeReply]>([
    ['a value outside the schema', () => JSON.stringify({ project: 'zls', status: 'on_track', progress: 140, summary: 'x', next_steps: null, blockers: null, due_date: null })],
    ['a date that is not a date', () => JSON.stringify({ project: 'zls', status: 'on_track', progress: 40, summary: 'x', next_steps: null, blockers: null, due_date: 'next March' })],
    ['text instead of JSON', () => 'Sure! The project is ZLS.'],
    ['a server error', () => ({ status: 500, body: { error: { message: 'boom' } } })],
    ['a timeout', () => ({ content: '{}', delayMs: 2_000 })],
  ])('falls back to the offline parser on %s', async (_what, r) => {
    reply = r;
    const p = await parseUpdateMessage(app, TEXT, { now });
    expect(p).toMatchObject({ project: 'zls', status: 'on_track', progress: 40, due_date: '2027-03-31' });
    expect(p.summary).toMatch(/siamo al 40%/); // the offline parser's summary, not the model's
  });
});
