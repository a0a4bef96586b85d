import type { Db, Queryable } from './client.ts';

/**
 * Embedding widths differ by embedder (offline 1024, OpenAI 1536, Ollama 768...), while an HNSW
 * index needs a fixed width: so the index is an expression index for the active width, and k-NN
 * queries order by the same expression (`knnDistanceSql`) to use it.
 *
 * The index holds each embedding's sign bits (`binary_quantize`, 1 bit a dimension), compared by
 * Hamming distance, not the vectors themselves: the candidates it returns are then ranked by the
 * exact cosine distance (search.ts), which is what pgvector advises for binary quantization. At
 * 100,732 real-text chunks of 1,024 dimensions the index is 42 MB instead of 787 MB, so it stays
 * in PostgreSQL's page buffers (128 MB by default) instead of being read from the OS page cache a
 * page at a time: a search's page reads fell from 1,826 to 395 (the float index's own 1,178 to
 * 15), hit@5 unchanged on the development questions amid the distractors and MRR +0.010 on
 * Cremona / -0.007 on programme 3 (the graph's candidates differ; its build is random anyway).
 * Bits also index embeddings of up to 64,000 dimensions (vectors: 2,000).
 */
export function vectorIndexName(dim: number): string {
  return `${INDEX_PREFIX}${dim}`;
}

const INDEX_PREFIX = 'chunks_embedding_bits_';
/** Names of the indexes this module has made, now or before (the float HNSW index of migration 009's time). */
const ALL_PREFIXES = [INDEX_PREFIX, 'chunks_embedding_hnsw_'];

/** The indexed expression: an embedding's sign bits, for width `dim`. */
function signBitsSql(dim: number, value: string): string {
  return `binary_quantize(${value}::vector(${dim}))::bit(${dim})`;
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
      `USING hnsw ((${signBitsSql(dim, 'embedding')}) bit_hamming_ops)` +
      `${build ? ` WITH (m = ${build.m}, ef_construction = ${build.efConstruction})` : ''} WHERE vector_dims(embedding) = ${dim}`,
  );
}

/** Drops the vector indexes of every width (of either shape); returns the widths they were for. */
export async function dropVectorIndexes(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'chunks' AND indexname LIKE 'chunks\\_embedding\\_%'
       AND schemaname = current_schema()`,
  );
  const dims = new Set<number>();
  for (const r of rows) {
    const prefix = ALL_PREFIXES.find((p) => r.name.startsWith(p));
    const dim = prefix ? Number(r.name.slice(prefix.length)) : Number.NaN;
    if (!Number.isInteger(dim) || dim <= 0) continue;
    await db.exec(`DROP INDEX IF EXISTS ${r.name}`);
    dims.add(dim);
  }
  return [...dims];
}

/**
 * The SQL fragment that orders by the index's distance (Hamming, between sign bits) and can use
 * the index above: an approximate order, for fetching candidates only (rank them with
 * `exactCosineDistanceSql`).
 */
export function knnDistanceSql(dim: number, param: string): string {
  return `(${signBitsSql(dim, 'embedding')} <~> ${signBitsSql(dim, param)})`;
}

/**
 * The cosine distance, written so that no index can serve it: computed exactly on the rows the
 * query gives. (When the index held the vectors, an ORDER BY of the indexed distance let the planner pick the HNSW scan
 * as the candidates' access path, which returns only `hnsw.ef_search` rows, so candidates the
 * index missed dropped out: seen on PGlite at 20,000 chunks.)
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
