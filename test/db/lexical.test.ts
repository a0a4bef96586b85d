import { expect, test } from 'vitest';
import { describeEachEngine } from '../support/db.ts';
import { CORPUS_CTE, LEXICAL_CAP, lexicalCtes } from '../../src/core/retrieval/lexical.ts';
import { ensureVectorIndex, KNN_CANDIDATES, knnDistanceSql, vectorIndexName, withEfSearch } from '../../db/vector-index.ts';
import { analyzeIfStale, mergePendingTextEntries } from '../../db/maintenance.ts';
import { endBulkWrite } from '../../ingest/bulk.ts';
import type { Queryable } from '../../db/client.ts';

/** `n` chunks of one document: every one says "relazione annuale", the k-th also `extra(k)`. */
async function seed(db: Queryable, n: number, extra: (k: number) => string = () => ''): Promise<number> {
  const [{ id }] = await db.query(`INSERT INTO documents (source, title, kind, content_hash) VALUES ('r.md', 'Relazioni', 'markdown', 'h') RETURNING id`);
  const texts = Array.from({ length: n }, (_, k) => `Relazione annuale numero ${k} del programma. ${extra(k)}`);
  await db.query(
    `INSERT INTO chunks (document_id, ord, text, embedding, embedder)
     SELECT $1, o, t, ('[' || o || ',' || (o * o % 97 + 1) || ',1]')::vector, 'test-embedder'
     FROM unnest($2::text[]) WITH ORDINALITY AS x(t, o)`,
    [id, texts],
  );
  return id;
}

async function lexical(db: Queryable, query: string, limit = 10): Promise<number[]> {
  const rows = await db.query(`WITH ${CORPUS_CTE}, ${lexicalCtes('l', 'italian', '$1', '$2', '')} SELECT c.ord FROM l JOIN chunks c ON c.id = l.id ORDER BY l.r`, [query, limit]);
  return rows.map((r) => r.ord);
}

describeEachEngine('lexical retrieval and term statistics', (s) => {
  test('term statistics and chunk counts follow inserts, deletes and re-embedding', async () => {
    const doc = await seed(s.db, 30, (k) => (k % 10 === 0 ? 'Zanzare' : ''));
    const df = async (word: string) =>
      (await s.db.query(`SELECT chunks FROM lexeme_stats WHERE config = 'italian' AND lexeme = ANY(tsvector_to_array(to_tsvector('italian', $1)))`, [word]))[0]?.chunks;
    expect(await df('zanzare')).toBe(3);
    expect(await df('relazione')).toBe(30);
    expect(await s.db.query(`SELECT embedder, chunks FROM chunk_counts`)).toEqual([{ embedder: 'test-embedder', chunks: 30 }]);
    await s.db.query(`DELETE FROM chunks WHERE document_id = $1 AND ord <= 11`, [doc]);
    expect(await df('zanzare')).toBe(1);
    await s.db.query(`UPDATE chunks SET embedder = 'other' WHERE ord > 25`);
    expect(await s.db.query(`SELECT embedder, chunks FROM chunk_counts WHERE chunks > 0 ORDER BY 1`)).toEqual([
      { embedder: 'other', chunks: 5 },
      { embedder: 'test-embedder', chunks: 14 },
    ]);
    await expect(s.db.query(`UPDATE chunks SET text = 'altro' WHERE ord = 20`)).rejects.toThrow(/not updated in place/);
    await s.db.query(`DELETE FROM documents WHERE id = $1`, [doc]);
    expect(await df('relazione')).toBe(0);
  });

  test('a rare term finds its chunk among many that share the common words', async () => {
    await seed(s.db, LEXICAL_CAP + 200, (k) => (k === 777 ? 'Le zanzare tigre sono state censite.' : k % 2 ? 'Bilancio approvato.' : ''));
    expect((await lexical(s.db, 'relazione | annuale | zanzare'))[0]).toBe(778);
    // Only common terms: still a bounded list, not the whole table.
    const common = await lexical(s.db, 'relazione | annuale', 50);
    expect(common).toHaveLength(50);
    expect(await lexical(s.db, 'parolainesistente')).toEqual([]);
  });

  test('a term too common to fetch still ranks the candidates, so the best is not cut for being inserted last', async () => {
    // "zanzare" (300 chunks) is fetched; "tigre" (901) is past the cap. The chunk holding both is
    // the last zanzare chunk inserted: by the fetched term alone it ties with 299 older ones.
    const last = LEXICAL_CAP + 196;
    await seed(s.db, LEXICAL_CAP + 200, (k) => (k % 4 === 0 ? (k === last ? 'Zanzare e tigre.' : 'Zanzare.') : 'Tigre.'));
    expect((await lexical(s.db, 'zanzare | tigre'))[0]).toBe(last + 1);
  });

  test('the vector index returns as many candidates as a search asks for, past its default of 40, in any session', async () => {
    await seed(s.db, 120);
    await ensureVectorIndex(s.db, 3);
    const knn = (limit: number) => `SELECT id FROM chunks WHERE vector_dims(embedding) = 3 ORDER BY ${knnDistanceSql(3, `'[1,2,3]'`)} LIMIT ${limit}`;
    // The table is small: make the planner use the index, as it does on a large one.
    const run = (limit: number) => async (tx: Queryable) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      return tx.query(knn(limit));
    };
    expect(KNN_CANDIDATES).toBeGreaterThan(40);
    expect(await s.db.transaction(run(KNN_CANDIDATES))).toHaveLength(KNN_CANDIDATES);
    expect(await withEfSearch(s.db, 100, run(100))).toHaveLength(100);
  });

  test('statistics are refreshed after a large write, not after a small one', async () => {
    await seed(s.db, 10);
    await s.db.exec('ANALYZE chunks');
    await s.db.query(`UPDATE chunks SET embedder = 'other' WHERE ord = 1`);
    expect(await analyzeIfStale(s.db, 'chunks')).toBe(false);
    await s.db.query(`DELETE FROM documents`);
    await seed(s.db, 300);
    expect(await analyzeIfStale(s.db, 'chunks')).toBe(true);
    const [{ n }] = await s.db.query(`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'chunks'::regclass`);
    expect(n).toBe(300);
  });

  test('after a large write the chunks have statistics and the full-text indexes no pending entries, the vector index built too', async () => {
    await seed(s.db, 340);
    await endBulkWrite(s.db, { dropped: [] }, 3);
    // The statistics describe these rows (ord 1-340), not those of an earlier test.
    const [{ top }] = await s.db.query(
      `SELECT (histogram_bounds::text::int[])[array_length(histogram_bounds::text::int[], 1)] AS top FROM pg_stats
       WHERE tablename = 'chunks' AND attname = 'ord' AND schemaname = current_schema()`,
    );
    expect(top).toBe(340);
    expect(await mergePendingTextEntries(s.db)).toBe(0);
    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'chunks' AND indexname = $1 AND schemaname = current_schema()`, [vectorIndexName(3)]);
    expect(n).toBe(1);
  });

  test('pending full-text entries are merged on request', async () => {
    await seed(s.db, 50);
    expect(await mergePendingTextEntries(s.db)).toBeGreaterThan(0);
    expect(await mergePendingTextEntries(s.db)).toBe(0);
    expect(await lexical(s.db, 'relazione', 5)).toHaveLength(5);
  });
});
