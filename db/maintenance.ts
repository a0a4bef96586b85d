import type { Db, Queryable } from './client.ts';
import { ensureVectorIndex, type HnswBuild } from './vector-index.ts';

/**
 * Refreshes the planner's statistics of `table` when its row count moved away from the one they
 * were taken at by as much as makes autovacuum analyze (50 + 10% of the rows): right after a
 * large ingestion, rather than searching with stale estimates until autovacuum comes by (PGlite
 * has none). The live count, not the activity counters: those reach the statistics views late.
 */
export async function analyzeIfStale(db: Db, table: string): Promise<boolean> {
  const [row] = await db.query<{ live: number; estimated: number }>(
    `SELECT (SELECT count(*) FROM ${table})::float8 AS live, reltuples::float8 AS estimated FROM pg_class WHERE oid = $1::regclass`,
    [table],
  );
  if (row && row.estimated >= 0 && Math.abs(row.live - row.estimated) < 50 + 0.1 * row.estimated) return false;
  await db.exec(`ANALYZE ${table}`);
  return true;
}

/**
 * Merges the pending entries of the chunks' full-text (GIN) indexes into the indexes proper. New
 * rows' entries first go to a pending list, cheap to write, which every look-up in the index then
 * reads through whole: after a 100,000-chunk ingestion, 176 pages in the Italian index, read for
 * each query term (about a fifth of the search statement's time). VACUUM merges them too, but
 * autovacuum comes long after a large write, and ANALYZE does not. Returns the pages merged.
 */
export async function mergePendingTextEntries(db: Queryable): Promise<number> {
  const [row] = await db.query<{ pages: number }>(
    `SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::int AS pages
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
     WHERE i.indrelid = 'chunks'::regclass AND a.amname = 'gin'`,
  );
  return row?.pages ?? 0;
}

/** How much memory an index build may use, per engine (PGlite's is inside this process). */
function buildMemory(db: Db): string {
  return db.engine === 'pglite' ? '256MB' : '1GB';
}

/**
 * How the HNSW graph is built, per engine. PGlite builds it on one WebAssembly thread, where
 * pgvector's defaults (m 16, ef_construction 64) took half a minute of CPU at 20,000 chunks and a
 * minute at 30,000 (the inner products of 1,024 dimensions). Search ranks the index's candidates
 * and the full-text ones by exact distance, so a sparser graph costs little: at 20,000 chunks,
 * m 8 and ef_construction 16 built in 7 s of CPU with the same hit@5 (0.970) and MRR 0.852 against
 * 0.854 on the development questions. PostgreSQL keeps pgvector's 16 links but looks at half the
 * candidates per insertion: at 100,000 real-text chunks the build took 127 s instead of 251 s (the
 * last fifth of a bulk ingestion), with hit@5 0.940 on both and MRR 0.856 against 0.857. The
 * graph alone finds fewer of the exact 60 nearest (0.23 against 0.30 of them, for the same
 * questions): what the full-text list and the exact re-ranking make up for. (Measured when the
 * index held the vectors; it now holds their sign bits, cheaper to compare: at 100,732 chunks
 * PostgreSQL built it in 33 s.)
 */
function buildShape(db: Db): HnswBuild {
  return db.engine === 'pglite' ? { m: 8, efConstruction: 16 } : { m: 16, efConstruction: 32 };
}

/**
 * Builds the HNSW index for `dim` with enough memory to keep the graph in RAM (the default 64 MB
 * makes pgvector build it on disk, many times slower).
 */
export async function buildVectorIndex(db: Db, dim: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL maintenance_work_mem = '${buildMemory(db)}'`);
    await ensureVectorIndex(tx, dim, buildShape(db));
  });
}

/**
 * Whether a coming write of about `incoming` chunks is large enough to drop the vector index and
 * build it again after: inserting under HNSW costs a graph search per row, while one build over
 * the whole table is several times cheaper once the new rows are a fair share of it.
 */
export function worthRebuilding(incoming: number, stored: number): boolean {
  return incoming >= 1000 && incoming >= stored / 4;
}
