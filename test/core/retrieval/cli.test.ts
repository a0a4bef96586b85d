import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.ts';
import { PROGRAMME_YAML } from './fixtures.ts';

/** `regia search`, `regia ask` and `regia reindex` as a user (or the benchmark) runs them. */
describe('search, ask and reindex commands', () => {
  let db: TestDatabase;
  let dir: string;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    dir = mkdtempSync(join(tmpdir(), 'regia-cli-'));
    writeFileSync(join(dir, 'programme.yaml'), PROGRAMME_YAML);
    writeFileSync(
      join(dir, 'nota-plf.md'),
      '# Nota sul Polo Logistico Fluviale\n\n## Stato\n\nIl protocollo con i Comuni rivieraschi è stato firmato a settembre 2026 e lo studio di fattibilità è completo al 60%.\n\n## Rischi\n\nIl rischio principale è il ritardo del parere della Regione sulla banchina.\n',
    );
    writeFileSync(join(dir, 'energia.md'), "# Verbale Energia\n\nLa riunione del cantiere Energia è stata aperta dall'assessore Marco Bellini.\n");
    writeFileSync(join(dir, 'questions.jsonl'), '{"id":"a","question":"a che punto è il PLF?"}\n{"id":"b","question":"who opened the energy meeting?"}\n{"id":"c","question":"quanto costa la banchina del PLF?"}\n');
    fake = await startFakeOpenAI({ embeddings: (body) => (body.input as string[]).map((t) => [t.length % 7, 1, 2, 3]) });
    const load = await runCli(['programme', 'load', join(dir, 'programme.yaml')], { env: db.env });
    expect(load.code, load.stderr).toBe(0);
    const ingest = await runCli(['ingest', join(dir, 'nota-plf.md'), join(dir, 'energia.md'), '--json'], { env: db.env });
    expect(ingest.code, ingest.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  test('search --json prints the contract line, and a batch prints one line per question', async () => {
    const one = await runCli(['search', 'PLF rischi', '-k', '2', '--json'], { env: db.env });
    expect(one.code, one.stderr).toBe(0);
    const line = JSON.parse(one.stdout.trim());
    expect(line.results).toHaveLength(2);
    expect(Object.keys(line.results[0]).sort()).toEqual(['rank', 'score', 'section', 'source', 'text', 'title']);
    expect(line.results[0]).toMatchObject({ rank: 1, source: 'nota-plf.md' });
    expect(line.results[0].text).toContain('parere della Regione');

    const batch = await runCli(['ask', '--batch', join(dir, 'questions.jsonl'), '--json'], { env: db.env });
    expect(batch.code, batch.stderr).toBe(0);
    const answers = batch.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(answers[0]).sort()).toEqual(['abstained', 'answer', 'citations', 'id', 'intent', 'latency_ms']);
    expect(answers.every((a) => typeof a.latency_ms === 'number' && a.latency_ms > 0)).toBe(true);
    const searched = (await runCli(['search', '--batch', join(dir, 'questions.jsonl'), '--json'], { env: db.env })).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(searched.map((r) => Object.keys(r).sort())).toEqual(Array(3).fill(['id', 'latency_ms', 'results']));
    expect(searched.every((r) => r.latency_ms > 0 && r.latency_ms < 60_000)).toBe(true);
    expect(answers[0]).toMatchObject({ abstained: false, intent: 'status' });
    expect(answers[0].citations[0]).toMatchObject({ n: 1, source: 'nota-plf.md' });
    expect(Object.keys(answers[0].citations[0]).sort()).toEqual(['n', 'quote', 'section', 'source']);
    expect(answers[1].answer).toContain('Marco Bellini');
    expect(answers[2].abstained).toBe(true);
  }, 120_000);

  test('a bad batch line is named; a changed embedder is a clear error until reindex', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"a","question":"ok"}\n{"id":"b"}\n');
    const bad = await runCli(['search', '--batch', join(dir, 'bad.jsonl'), '--json'], { env: db.env });
    expect(bad.code).toBe(1);
    // The bad line gets its own error line; the good one is still answered.
    const lines = bad.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 'a', results: expect.any(Array) });
    expect(lines[1]).toEqual({ id: 'b', error: 'line 2: expected a "question" string' });

    const remote = { ...db.env, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'k', EMBEDDING_MODEL: 'tiny-embed' };
    const mismatch = await runCli(['search', 'PLF'], { env: remote });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/offline-ngram-v1@1024.*openai:tiny-embed@4.*regia reindex/s);
    expect(mismatch.stderr).not.toMatch(/at .*\.ts:\d+/);

    const re = await runCli(['reindex', '--json'], { env: remote });
    expect(re.code, re.stderr).toBe(0);
    expect(JSON.parse(re.stdout.trim())).toMatchObject({ embedder: 'openai:tiny-embed@4', dim: 4 });
    const after = await runCli(['search', 'PLF', '--json'], { env: remote });
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout.trim()).results.length).toBeGreaterThan(0);
  }, 180_000);
});
