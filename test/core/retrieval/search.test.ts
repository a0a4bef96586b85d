import { expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { search } from '../../../src/core/retrieval/search.ts';
import { EmbedderMismatchError } from '../../../src/core/retrieval/embedder-check.ts';
import { reindex } from '../../../src/core/retrieval/reindex.ts';
import { vectorIndexName } from '../../../db/vector-index.ts';
import { loadTestProgramme, seededApp, testApp } from './fixtures.ts';
import { readerWeights, useReaderWeights } from '../../../src/core/answer/reader/model.ts';

describeEachEngine('hybrid search', (s) => {
  const setup = async () => {
    return seededApp(s.db);
  };

  test('finds the passage of an acronym from the programme file, with the result contract', async () => {
    const app = await setup();
    const results = await search(app, 'a che punto è il PLF?', { k: 3 });
    expect(results[0]).toMatchObject({ rank: 1, source: 'nota-plf.md', title: 'Nota sul Polo Logistico Fluviale', section: 'Stato', kind: 'note', publishedOn: '2026-10-01' });
    expect(results[0].text).toContain('studio di fattibilità');
    expect(results[0].score).toBeGreaterThan(results[1].score);
    expect(results.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  test('an English question finds Italian text', async () => {
    const app = await setup();
    const [first] = await search(app, 'who opened the energy meeting?', { k: 3 });
    expect(first.text).toContain('aperta');
    const [second] = await search(app, 'how many suitable areas for renewable energy communities?', { k: 3 });
    expect(second.text).toContain('dodici aree idonee');
  });

  test('filters by document kind, project and date', async () => {
    const app = await setup();
    const reports = await search(app, 'consorzio logistica', { k: 10, kind: 'report' });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.kind === 'report')).toBe(true);
    const plf = await search(app, 'rischio', { k: 10, projectId: 'plf' });
    expect(plf.every((r) => r.source === 'nota-plf.md')).toBe(true);
    expect(plf.length).toBe(2);
    const recent = await search(app, 'riunione comunità energetiche fiera', { k: 10, since: '2025-01-01', until: '2025-12-31' });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((r) => r.publishedOn?.startsWith('2025'))).toBe(true);
  });

  test("a question asked in a cantiere's channel favours that cantiere", async () => {
    const app = await setup();
    // Both the logistics note (cantiere 2) and the energy minutes (cantiere 5) speak of "comuni".
    const inC2 = await search(app, 'i comuni', { k: 3, cantiereId: 'c2' });
    const inC5 = await search(app, 'i comuni', { k: 3, cantiereId: 'c5' });
    expect(inC2[0].source).toBe('nota-plf.md');
    expect(inC5[0].source).toBe('verbale-energia.md');
  });

  test('vectors of another embedder are a clear error until `reindex` re-embeds them', async () => {
    const app = await setup();
    await s.db.query(`UPDATE chunks SET embedder = 'openai:text-embedding-3-small@1536' WHERE id = (SELECT min(id) FROM chunks)`);
    const fresh = testApp(s.db);
    await expect(search(fresh, 'PLF')).rejects.toThrow(EmbedderMismatchError);
    await expect(search(fresh, 'PLF')).rejects.toThrow(/regia reindex/);
    const summary = await reindex(fresh);
    expect(summary).toMatchObject({ chunks: 8, embedder: 'offline-ngram-v1@1024', dim: 1024 });
    const [idx] = await s.db.query(`SELECT indexname FROM pg_indexes WHERE indexname = $1`, [vectorIndexName(1024)]);
    expect(idx).toBeDefined();
    const results = await search(fresh, 'PLF');
    expect(results[0].source).toBe('nota-plf.md');
    void app;
  });

  test("refitting the reader does not move retrieval: the re-ranking has weights of its own", async () => {
    const app = await setup();
    const questions = ['a che punto è il PLF?', 'who opened the energy meeting?', 'i comuni', 'quante aree idonee?'];
    const order = async () => Promise.all(questions.map(async (q) => (await search(app, q, { k: 10 })).map((r) => `${r.source}#${r.section}:${r.score}`)));
    const fitted = readerWeights();
    const before = await order();
    try {
      // A reader that prefers whatever the fitted one ranks last.
      useReaderWeights({ ...fitted, candidate: { ...fitted.candidate, ranking: fitted.candidate.ranking.map((w) => -w), weights: fitted.candidate.weights.map((w) => -w) } });
      expect(await order()).toEqual(before);
    } finally {
      useReaderWeights(fitted);
    }
  });

  test('an empty database gives no results, not an error', async () => {
    await loadTestProgramme(s.db);
    expect(await search(testApp(s.db), 'qualsiasi cosa')).toEqual([]);
  });
});
