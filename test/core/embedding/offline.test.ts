import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { getEmbedder, OfflineEmbedder, OpenAIEmbedder } from '../../../src/core/embedding/index.ts';
import { EmbeddingError } from '../../../src/core/embedding/openai.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.ts';

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('offline embedder', () => {
  const e = new OfflineEmbedder();

  test('names itself with its width and returns unit vectors of that width', async () => {
    expect(e.id).toBe('offline-ngram-v1@1024');
    const [v] = await e.embedDocuments(['Il protocollo è stato firmato dai Comuni.']);
    expect(v).toHaveLength(1024);
    expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 4);
  });

  test('is deterministic: the same text gives the same vector, in documents and queries', async () => {
    const text = 'Zona Logistica Semplificata: stato di avanzamento';
    const [a] = await e.embedDocuments([text]);
    const b = await new OfflineEmbedder().embedQuery(text);
    expect(b).toEqual(a);
  });

  test('ranks a related text above an unrelated one, across inflections and accents', async () => {
    const q = await e.embedQuery('comunita energetica rinnovabile');
    const [related, unrelated] = await e.embedDocuments([
      'Le comunità energetiche rinnovabili dei comuni della pianura',
      'Il calendario delle partite del campionato di calcio',
    ]);
    expect(dot(q, related)).toBeGreaterThan(0.3);
    expect(dot(q, related)).toBeGreaterThan(dot(q, unrelated) + 0.2);
  });

  test('English cognates land near the Italian text', async () => {
    const q = await e.embedQuery('digital logistics platform');
    const [it, other] = await e.embedDocuments(['la piattaforma digitale per la logistica', 'la fiera del bestiame di primavera']);
    expect(dot(q, it)).toBeGreaterThan(dot(q, other));
  });

  test('stop words alone carry no meaning', async () => {
    const v = await e.embedQuery('il lo la di the of and');
    expect(v.every((x) => x === 0)).toBe(true);
  });
});

describe('getEmbedder', () => {
  test('offline by default, OpenAI-compatible when EMBEDDING_MODEL is set', () => {
    const offline = getEmbedder({ config: loadConfig({}, { dotenv: false }) });
    expect(offline).toBeInstanceOf(OfflineEmbedder);
    const remote = getEmbedder({ config: loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDING_MODEL: 'text-embedding-3-small' }, { dotenv: false }) });
    expect(remote).toBeInstanceOf(OpenAIEmbedder);
    expect(remote.id).toBe('openai:text-embedding-3-small@1536');
  });
});

describe('OpenAI-compatible embedder', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({
      embeddings: (body) => {
        if (body.model === 'broken') return { status: 500, body: { error: { message: 'boom' } } };
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        return inputs.map((t) => [t.length, 1, 0]);
      },
    });
  });
  afterAll(() => fake.close());

  test('asks for float vectors in batches and learns the width of an unknown model', async () => {
    const e = new OpenAIEmbedder({ baseURL: fake.url, apiKey: 'k', model: 'local-model', timeoutMs: 2000, batchSize: 2, maxRetries: 0 });
    fake.requests.length = 0;
    const vs = await e.embedDocuments(['a', 'bb', 'ccc']);
    expect(vs).toEqual([[1, 1, 0], [2, 1, 0], [3, 1, 0]]);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0].path).toBe('/v1/embeddings');
    expect(fake.requests[0].body).toMatchObject({ model: 'local-model', input: ['a', 'bb'], encoding_format: 'float' });
    expect(fake.requests[0].headers.authorization).toBe('Bearer k');
    expect(e.dim).toBe(3);
    expect(e.id).toBe('openai:local-model@3');
  });

  test('a failing endpoint is a clear error naming the model', async () => {
    const e = new OpenAIEmbedder({ baseURL: fake.url, apiKey: 'k', model: 'broken', timeoutMs: 2000, maxRetries: 0 });
    await expect(e.embedQuery('x')).rejects.toThrow(EmbeddingError);
    await expect(e.embedQuery('x')).rejects.toThrow(/broken/);
  });
});
