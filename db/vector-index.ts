import type { Db, Queryable } from './client.ts';

/**
 * Embedding widths differ by embedder (offline 512, OpenAI 1536, Ollama 768...), while an HNSW index
 * needs a fixed width: so the index is an expression index on `embedding::vector(N)` for the active
 * width, and k-NN queries order by `embedding::vector(N) <=> $q::vector(N)` to use it.
 */
export function vectorIndexName(dim: number): string {
  return `chunks_embedding_hnsw_${dim}`;
}

/** How the HNSW graph is built: links per node (`m`) and candidates looked at per insertion. */
export interface HnswBuild {
  m: number;
  efConstruction: number;
}

/** Creates the HNSW index for width `dim` unless it exists (pgvector's defaults, 16 and 64, unless `build` says). */
export async function ensureVectorIndex(db: Queryable, dim: number, build?: HnswBuild): Promise<void> {
  if (!Number.isInteger(dim) || dim <= 0 || dim > 16000) throw new Error(`invalid embedding width ${dim}`);
  if (build && !(Number.isInteger(build.m) && build.m >= 2 && build.m <= 100 && Number.isInteger(build.efConstruction) && build.efConstruction >= 2 * build.m && build.efConstruction <= 1000)) {
    throw new Error(`invalid HNSW build m=${build.m} ef_construction=${build.efConstruction}`);
  }
  await db.exec(
    `CREATE INDEX IF NOT EXISTS ${vectorIndexName(dim)} ON chunks ` +
      `USING hnsw ((embedding::vector(${dim})) vector_cosine_ops)` +
      `${build ? ` WITH (m = ${build.m}, ef_construction = ${build.efConstruction})` : ''} WHERE vector_dims(embedding) = ${dim}`,
  );
}

/** Drops the vector indexes of every width; returns the widths they were for. */
export async function dropVectorIndexes(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'chunks' AND indexname LIKE 'chunks_embedding_hnsw_%'
       AND schemaname = current_schema()`,
  );
  for (const r of rows) await db.exec(`DROP INDEX IF EXISTS ${r.name}`);
  return rows.map((r) => Number(r.name.slice('chunks_embedding_hnsw_'.length))).filter((n) => Number.isInteger(n) && n > 0);
}

/** The SQL fragment that orders by cosine distance and can use the index above. */
export function cosineDistanceSql(dim: number, param: string): string {
  return `(embedding::vector(${dim}) <=> ${param}::vector(${dim}))`;
}

/**
 * The same cosine distance written so that no index can serve it: computed exactly on the rows
 * the query gives. Ordering candidates by `cosineDistanceSql` lets the planner pick the HNSW scan
 * as their access path (it costs it as a full ordered scan), which returns only `hnsw.ef_search`
 * rows, so candidates the index missed would drop out (seen on PGlite at 20,000 chunks).
 */
export function exactCosineDistanceSql(param: string): string {
  return `(embedding <=> ${param}::vector)`;
}

/**
 * The most rows a k-NN query asks the HNSW index for. pgvector's scan returns at most
 * `hnsw.ef_search` rows (default 40) however large the LIMIT, so every session starts with it set
 * to this (see SESSION_SETTINGS): a search then needs no transaction of its own to set it.
 */
export const KNN_CANDIDATES = 60;

/** Settings every database session starts with, on both engines (placeholders until pgvector loads). */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = { 'hnsw.ef_search': String(KNN_CANDIDATES) };

/** The predicate that lets a query use the partial index for width `dim`. */
export function vectorWidthSql(dim: number): string {
  return `vector_dims(embedding) = ${dim}`;
}

/**
 * Runs `fn` in a transaction where an HNSW scan may return `candidates` rows: pgvector returns at
 * most `hnsw.ef_search` however large the LIMIT (sessions start with KNN_CANDIDATES).
 */
export async function withEfSearch<T>(db: Db, candidates: number, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 1000) throw new Error(`invalid candidate count ${candidates}`);
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL hnsw.ef_search = ${candidates}`);
    return fn(tx);
  });
}
