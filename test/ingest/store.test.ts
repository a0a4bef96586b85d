import { expect, test } from 'vitest';
import { countPendingTermStats, writeDocuments, type DocumentRecord, type EmbeddedChunk } from '../../ingest/store.ts';
import { describeEachEngine } from '../support/db.ts';

const record = (source: string, publishedOn: string | null = null): DocumentRecord => ({
  source,
  title: `Titolo ${source}`,
  kind: 'markdown',
  language: 'it',
  publishedOn,
  contentHash: `h-${source}`,
  sizeBytes: 10,
  cantieri: [],
  projects: [],
  metadata: {},
});
const chunks = (n: number, word: string): EmbeddedChunk[] =>
  Array.from({ length: n }, (_, k) => ({ ord: k, title: '', section: '', text: `Paragrafo ${k} sul ${word}.`, embedding: [1, k + 1, 2] }) as EmbeddedChunk);

describeEachEngine('writing documents in batches', (s) => {
  test('one transaction adds new documents and replaces a stored one with its chunks', async () => {
    expect(await writeDocuments(s.db, [{ doc: record('a.md'), chunks: chunks(2, 'porto') }], 'e')).toEqual(['added']);
    const kinds = await writeDocuments(s.db, [{ doc: record('b.md'), chunks: chunks(700, 'bilancio') }, { doc: record('a.md', '2025-03-01'), chunks: chunks(3, 'treno') }], 'e');
    expect(kinds).toEqual(['added', 'replaced']);
    const rows = await s.db.query(`SELECT d.source, d.published_on, count(c.id)::int AS n, min(c.text) AS first FROM documents d JOIN chunks c ON c.document_id = d.id GROUP BY 1, 2 ORDER BY 1`);
    expect(rows).toEqual([
      { source: 'a.md', published_on: '2025-03-01', n: 3, first: 'Paragrafo 0 sul treno.' },
      { source: 'b.md', published_on: null, n: 700, first: 'Paragrafo 0 sul bilancio.' },
    ]);
    expect(await s.db.query(`SELECT chunks FROM chunk_counts WHERE embedder = 'e'`)).toEqual([{ chunks: 703 }]);
  });

  test('term statistics counted at the end of an ingestion equal those counted statement by statement', async () => {
    // Every lexeme's document frequency as the triggers keep it, and as a full recount finds it.
    const kept = () => s.db.query(`SELECT config, lexeme, chunks FROM lexeme_stats WHERE chunks <> 0 ORDER BY 1, 2`);
    const recount = () =>
      s.db.query(
        `SELECT config, lexeme, count(*)::int AS chunks FROM (
           SELECT 'italian' AS config, unnest(tsvector_to_array(tsv_it)) AS lexeme FROM chunks
           UNION ALL SELECT 'simple', unnest(tsvector_to_array(tsv_simple)) FROM chunks) l
         GROUP BY 1, 2 ORDER BY 1, 2`,
      );
    const deferred = { deferTermStats: true };
    await writeDocuments(s.db, [{ doc: record('a.md'), chunks: chunks(3, 'porto') }], 'e');
    await writeDocuments(s.db, [{ doc: record('b.md'), chunks: chunks(600, 'bilancio') }, { doc: record('c.md'), chunks: chunks(4, 'treno') }], 'e', deferred);
    // Until counted, the new chunks' terms are missing (the chunk counts are not).
    expect((await kept()).find((r) => r.lexeme === 'bilanc')).toBeUndefined();
    expect(await s.db.query(`SELECT chunks FROM chunk_counts WHERE embedder = 'e'`)).toEqual([{ chunks: 607 }]);
    // A document replaced, and one deleted, before their chunks were counted.
    await writeDocuments(s.db, [{ doc: record('c.md'), chunks: chunks(2, 'nave') }, { doc: record('a.md'), chunks: chunks(5, 'porto') }], 'e', deferred);
    await s.db.query(`DELETE FROM documents WHERE source = 'b.md'`);
    expect(await countPendingTermStats(s.db)).toBe(7);
    expect(await kept()).toEqual(await recount());
    expect(await countPendingTermStats(s.db)).toBe(0);
    // Counted chunks deleted and replaced, then counted again.
    await writeDocuments(s.db, [{ doc: record('a.md'), chunks: chunks(1, 'molo') }], 'e', deferred);
    await s.db.query(`DELETE FROM documents WHERE source = 'c.md'`);
    await countPendingTermStats(s.db);
    expect(await kept()).toEqual(await recount());
    expect((await kept()).find((r) => r.lexeme === 'nav')).toBeUndefined();
  });

  test('a document the database refuses leaves nothing of its batch behind', async () => {
    const bad = [{ doc: record('c.md'), chunks: chunks(2, 'porto') }, { doc: record('d.md', '2025-02-30'), chunks: chunks(2, 'treno') }];
    await expect(writeDocuments(s.db, bad, 'e')).rejects.toThrow();
    expect(await s.db.query(`SELECT count(*)::int AS n FROM documents`)).toEqual([{ n: 0 }]);
    await expect(writeDocuments(s.db, [bad[0], bad[0]], 'e')).rejects.toThrow(/twice/);
  });
});
