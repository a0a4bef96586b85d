import { expect, test } from 'vitest';
import { toVectorSql } from '../../db/client.ts';
import { listMigrations, migrate } from '../../db/migrate.ts';
import { buildVectorIndex } from '../../db/maintenance.ts';
import { cosineDistanceSql, dropVectorIndexes, ensureVectorIndex, exactCosineDistanceSql, vectorIndexName, vectorWidthSql } from '../../db/vector-index.ts';
import { describeEachEngine } from '../support/db.ts';

describeEachEngine('migrations and schema', (s) => {
  test('applying the migrations again is a no-op', async () => {
    const before = await s.db.query(`SELECT version FROM schema_migrations ORDER BY version`);
    expect(before.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(s.db)).toEqual([]);
    const after = await s.db.query(`SELECT version FROM schema_migrations ORDER BY version`);
    expect(after).toEqual(before);
  });

  test('a migration missing among applied ones is applied, and only it', async () => {
    const last = listMigrations().at(-1)!;
    expect(last.version).toBe('008_deferred_term_stats');
    await s.db.exec(`DROP FUNCTION chunk_stats_count_pending(); DROP TABLE chunk_stats_pending`);
    await s.db.query(`DELETE FROM schema_migrations WHERE version = $1`, [last.version]);
    expect(await migrate(s.db)).toEqual([last.version]);
    const tables = await s.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'chunk_stats_pending'`);
    expect(tables).toHaveLength(1);
    expect(await migrate(s.db)).toEqual([]);
  });

  test('types come back the same on both engines: bigint and numeric as numbers, date as text', async () => {
    const [row] = await s.db.query(`SELECT 42::bigint AS big, 1.5::numeric AS num, DATE '2027-03-31' AS day, '{"a":1}'::jsonb AS doc`);
    expect(row).toEqual({ big: 42, num: 1.5, day: '2027-03-31', doc: { a: 1 } });
  });

  test('an HNSW cosine index on chunk embeddings serves a k-nearest query', async () => {
    const dim = 8;
    await s.db.exec(`INSERT INTO programmes (id, name, timezone, language, digest_cron, stale_after_days) VALUES ('p', 'P', 'Europe/Rome', 'it', '0 9 * * 1', 21)`);
    const [doc] = await s.db.query(
      `INSERT INTO documents (source, title, kind, content_hash) VALUES ('a.md', 'A', 'markdown', 'h') RETURNING id`,
    );
    await s.db.transaction(async (tx) => {
      for (let i = 0; i < 200; i++) {
        const v = Array.from({ length: dim }, (_, j) => Math.sin(i * 7 + j * 3));
        await tx.query(`INSERT INTO chunks (document_id, ord, text, embedding, embedder) VALUES ($1, $2, $3, $4::vector, 'test')`, [
          doc.id, i, `chunk ${i}`, toVectorSql(v),
        ]);
      }
    });
    await ensureVectorIndex(s.db, dim);
    await ensureVectorIndex(s.db, dim); // idempotent
    const query = Array.from({ length: dim }, (_, j) => Math.sin(5 * 7 + j * 3));
    const sql = `SELECT id, ord FROM chunks WHERE ${vectorWidthSql(dim)} ORDER BY ${cosineDistanceSql(dim, '$1')} LIMIT 5`;
    const plan = await s.db.transaction(async (tx) => {
      // The table is small, so the planner would rather scan it: forbid that to prove the index can serve the query.
      await tx.query(`SET LOCAL enable_seqscan = off`);
      return tx.query(`EXPLAIN ${sql}`, [toVectorSql(query)]);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(vectorIndexName(dim));
    const rows = await s.db.query(sql, [toVectorSql(query)]);
    expect(rows[0].ord).toBe(5);
  });

  test('the vector index built after an ingestion serves k-NN, with the graph shape of its engine', async () => {
    const dim = 6;
    const [doc] = await s.db.query(`INSERT INTO documents (source, title, kind, content_hash) VALUES ('v.md', 'V', 'markdown', 'h') RETURNING id`);
    await s.db.transaction(async (tx) => {
      for (let i = 0; i < 120; i++) {
        const v = Array.from({ length: dim }, (_, j) => Math.cos(i * 5 + j * 2));
        await tx.query(`INSERT INTO chunks (document_id, ord, text, embedding, embedder) VALUES ($1, $2, $3, $4::vector, 'test')`, [doc.id, i, `c ${i}`, toVectorSql(v)]);
      }
    });
    await buildVectorIndex(s.db, dim);
    const [idx] = await s.db.query(`SELECT reloptions FROM pg_class WHERE relname = $1`, [vectorIndexName(dim)]);
    expect(idx.reloptions).toEqual(s.engine === 'pglite' ? ['m=8', 'ef_construction=16'] : ['m=16', 'ef_construction=32']);
    const query = Array.from({ length: dim }, (_, j) => Math.cos(17 * 5 + j * 2));
    const sql = `SELECT ord FROM chunks WHERE ${vectorWidthSql(dim)} ORDER BY ${cosineDistanceSql(dim, '$1')} LIMIT 3`;
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
    expect(exactRows.map((r) => r.ord)).toEqual(rows.map((r) => r.ord));
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
