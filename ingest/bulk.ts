import { statSync } from 'node:fs';
import type { Db } from '../db/client.ts';
import { analyzeIfStale, buildVectorIndex, mergePendingTextEntries, worthRebuilding } from '../db/maintenance.ts';
import { dropVectorIndexes } from '../db/vector-index.ts';
import type { InputFile } from './files.ts';

/** Bytes of input per chunk, roughly (markup and PDF structure make files larger than their text). */
const BYTES_PER_CHUNK = 2000;

export interface BulkWrite {
  /** Widths whose vector index was dropped for this write, to build again at its end. */
  dropped: number[];
}

function estimateChunks(inputs: InputFile[]): number {
  let bytes = 0;
  for (const f of inputs) {
    try {
      bytes += statSync(f.path).size;
    } catch {
      /* reported when the file is read */
    }
  }
  return Math.round(bytes / BYTES_PER_CHUNK);
}

/**
 * Before a write of many files: when the new chunks will be a fair share of the table, the vector
 * index goes and is built once at the end (searches meanwhile still work, without the index).
 */
export async function beginBulkWrite(db: Db, inputs: InputFile[]): Promise<BulkWrite> {
  const [{ stored }] = await db.query<{ stored: number }>(`SELECT coalesce(sum(chunks), 0)::int AS stored FROM chunk_counts`);
  if (!worthRebuilding(estimateChunks(inputs), stored)) return { dropped: [] };
  return { dropped: await dropVectorIndexes(db) };
}

/**
 * After it: fresh planner statistics (chunks, documents, term statistics), the full-text indexes' pending entries merged, and the
 * vector index for every width that needs one. Statistics first: building an index sets the row
 * count that the staleness test compares with, so after a rebuild the table looked analyzed
 * (at 100,000 chunks, searches ran with no column statistics at all).
 */
export async function endBulkWrite(db: Db, bulk: BulkWrite, writtenDim: number | null): Promise<void> {
  if (writtenDim || bulk.dropped.length) {
    for (const table of ['chunks', 'documents', 'lexeme_stats']) await analyzeIfStale(db, table);
    await mergePendingTextEntries(db);
  }
  const dims = new Set(bulk.dropped);
  if (writtenDim) dims.add(writtenDim);
  for (const dim of dims) await buildVectorIndex(db, dim);
}
