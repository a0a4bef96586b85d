import { expect, test } from 'vitest';
import { toVectorSql } from '../../db/client.ts';
import { listMigrations, migrate } from '../../db/migrate.ts';
import { buildVectorIndex } from '../../db/maintenance.ts';
import { dropVectorIndexes, ensureVectorIndex, exactCosineDistanceSql, knnDistanceSql, vectorIndexName, vectorWidthSql } from '../../db/vector-index.ts';
import { describeEachEngine } from '../support/db.ts';

/** A repeatable pseudo-random coordinate in [-0.5, 0.5): vectors whose sign bits differ (periodic ones repeat their signs). */
function noise(i: number, j: number): number {
  const x = Math.sin(i * 12.9898 + j * 78.233 + 1) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

describeEachEngine('migrations and schema', (s) => {
  test('applying the migrations again is a no-op', async () => {
    const before = await s.db.query(`SELECT version FROM schema_migrations ORDER BY version`);
    expect(before.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(s.db)).toEqual([]);
    const after = await s.db.query(`SELECT version FROM schema_migrations ORDER BY version`);
    expect(after).toEqual(before);
  });

  test('a migration missing among applied ones is applied, and only it: a float vector index becomes the sign-bit index of its width', async () => {
    const last = listMigrations().at(-1)!;
    expect(last.version).toBe('009_vector_index_bits');
    // The index of before 009: the vectors themselves, cosine distance.
    await s.db.exec(`CREATE INDEX chunks_embedding_hnsw_4 ON chunks USING hnsw ((embedding::vector(4)) vector_cosine_ops) WHERE vector_dims(embedding) = 4`);
    await s.db.query(`DELETE FROM schema_migrations WHERE version = $1`, [last.version]);
    expect(await migrate(s.db)).toEqual([last.version]);
    const indexes = await s.db.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'chunks' AND indexname LIKE 'chunks_embedding_%' AND schemaname = current_schema()`,
    );
    expect(indexes.map((i) => i.name)).toEqual([vectorIndexName(4)]);
    expect(indexes[0].def).toMatch(/binary_quantize.*bit_hamming_ops/);
    expect(await migrate(s.db)).toEqual([]);
    expect(await dropVectorIndexes(s.db)).toEqual([4]);
  });

  test('types come back the same on both engines: bigint and numeric as numbers, date as text', async () => {
    const [row] = await s.db.query(`SELECT 42::bigint AS big, 1.5::numeric AS num, DATE '2027-03-31' AS day, '{"a":1}'::jsonb AS doc`);
    expect(row).toEqual({ big: 42, num: 1.5, day: '2027-03-31', doc: { a: 1 } });
  });

  test('an HNSW index of the embeddings\' sign bits serves a k-nearest query', async () => {
    const dim = 64;
    await s.db.exec(`INSERT INTO programmes (id, name, timezone, language, digest_cron, stale_after_days) VALUES ('p', 'P', 'Europe/Rome', 'it', '0 9 * * 1', 21)`);
    const [doc] = await s.db.query(
      `INSERT INTO documents (source, title, kind, content_hash) VALUES ('a.md', 'A', 'markdown', 'h') RETURNING id`,
    );
    await s.db.transaction(async (tx) => {
      for (let i = 0; i < 200; i++) {
        const v = Array.from({ length: dim }, (_, j) => noise(i, j));
        await tx.query(`INSERT INTO chunks (document_id, ord, text, embedding, embedder) VALUES ($1, $2, $3, $4::vector, 'test')`, [
          doc.id, i, `chunk ${i}`, toVectorSql(v),
        ]);
      }
    });
    await ensureVectorIndex(s.db, dim);
    await ensureVectorIndex(s.db, dim); // idempotent
    const query = Array.from({ length: dim }, (_, j) => noise(5, j));
    const sql = `SELECT id, ord FROM chunks WHERE ${vectorWidthSql(dim)} ORDER BY ${knnDistanceSql(dim, '$1')} LIMIT 5`;
    const plan = await s.db.transaction(async (tx) => {
      // The table is small, so the planner would rather scan it: forbid that to prove the index can serve the query.
      await tx.query(`SET LOCAL enable_seqscan = off`);
      return tx.query(`EXPLAIN ${sql}`, [toVectorSql(query)]);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(vectorIndexName(dim));
    const rows = await s.db.query(sql, [toVectorSql(query)]);
    expect(rows[0].ord).toBe(5);
    await dropVectorIndexes(s.db);
  });

  test('the vector index built after an ingestion serves k-NN, with the graph shape of its engine', async () => {
    const dim = 48;
    const [doc] = await s.db.query(`INSERT INTO documents (source, title, kind, content_hash) VALUES ('v.md', 'V', 'markdown', 'h') RETURNING id`);
    await s.db.transaction(async (tx) => {
      for (let i = 0; i < 120; i++) {
        const v = Array.from({ length: dim }, (_, j) => noise(i, j));
        await tx.query(`INSERT INTO chunks (document_id, ord, text, embedding, embedder) VALUES ($1, $2, $3, $4::vector, 'test')`, [doc.id, i, `c ${i}`, toVectorSql(v)]);
      }
    });
    await buildVectorIndex(s.db, dim);
    const [idx] = await s.db.query(`SELECT reloptions FROM pg_class WHERE relname = $1`, [vectorIndexName(dim)]);
    expect(idx.reloptions).toEqual(s.engine === 'pglite' ? ['m=8', 'ef_construction=16'] : ['m=16', 'ef_construction=32']);
    const query = Array.from({ length: dim }, (_, j) => noise(17, j));
    const sql = `SELECT ord FROM chunks WHERE ${vectorWidthSql(dim)} ORDER BY ${knnDistanceSql(dim, '$1')} LIMIT 3`;
    const rows = await s.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      const plan = await tx.query(`EXPLAIN ${sql}`, [toVectorSql(query)]);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(vectorIndexName(dim));
      return tx.query(sql, [toVectorSql(query)]);
    });
    expect(rows[0].ord).toBe(17);
    // The exact distance is never served by the approximate index, even where it could be picked.
    const exact = `SELECT ord FROM chunks WHERE ${vectorWidthSql(dim)} ORDER BY ${exactCosineDistanceSql('$1')} LIMIT 3`;
    const exactRows = await s.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      const plan = await tx.query(`EXPLAIN ${exact}`, [toVectorSql(query)]);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).not.toContain(vectorIndexName(dim));
      return tx.query(exact, [toVectorSql(query)]);
    });
    expect(exactRows[0].ord).toBe(17);
    expect(await dropVectorIndexes(s.db)).toContain(dim);
  });

  test('progress updates cannot be changed or deleted', async () => {
    await s.db.exec(`
      INSERT INTO programmes (id, name, timezone, language, digest_cron, stale_after_days) VALUES ('p', 'P', 'Europe/Rome', 'it', '0 9 * * 1', 21);
      INSERT INTO cantieri (id, programme_id, number, name) VALUES ('c4', 'p', '4', 'Infrastrutture');
      INSERT INTO projects (id, cantiere_id, name) VALUES ('zls', 'c4', 'Zona Logistica Semplificata');
      INSERT INTO updates (project_id, cantiere_id, author_platform, author_id, author_name, status, summary, source)
        VALUES ('zls', 'c4', 'console', 'u1', 'Anna', 'on_track', 'protocollo firmato', 'form');`);
    await expect(s.db.query(`UPDATE updates SET summary = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(s.db.query(`DELETE FROM updates`)).rejects.toThrow(/append-only/);
    const [row] = await s.db.query(`SELECT summary FROM updates`);
    expect(row.summary).toBe('protocollo firmato');
  });

  test('deleting a document deletes its chunks', async () => {
    const [doc] = await s.db.query(`INSERT INTO documents (source, title, kind, content_hash) VALUES ('b.md', 'B', 'markdown', 'h') RETURNING id`);
    await s.db.query(`INSERT INTO chunks (document_id, ord, text, embedder) VALUES ($1, 0, 'testo del piano', 'test')`, [doc.id]);
    const [fts] = await s.db.query(`SELECT count(*)::int AS n FROM chunks WHERE tsv_it @@ plainto_tsquery('italian', 'piani')`);
    expect(fts.n).toBe(1);
    await s.db.query(`DELETE FROM documents WHERE id = $1`, [doc.id]);
    const [left] = await s.db.query(`SELECT count(*)::int AS n FROM chunks`);
    expect(left.n).toBe(0);
  });
});
