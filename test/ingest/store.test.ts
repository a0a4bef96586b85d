import { expect, test } from 'vitest';
import { writeDocuments, type DocumentRecord, type EmbeddedChunk } from '../../ingest/store.ts';
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

  test('a document the database refuses leaves nothing of its batch behind', async () => {
    const bad = [{ doc: record('c.md'), chunks: chunks(2, 'porto') }, { doc: record('d.md', '2025-02-30'), chunks: chunks(2, 'treno') }];
    await expect(writeDocuments(s.db, bad, 'e')).rejects.toThrow();
    expect(await s.db.query(`SELECT count(*)::int AS n FROM documents`)).toEqual([{ n: 0 }]);
    await expect(writeDocuments(s.db, [bad[0], bad[0]], 'e')).rejects.toThrow(/twice/);
  });
});
