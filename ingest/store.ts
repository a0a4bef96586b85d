import type { Db, Queryable } from '../db/client.ts';
import { toVectorSql } from '../db/client.ts';
import type { ChunkDraft, DocumentKind } from './types.ts';

export interface StoredDocumentState {
  id: number;
  contentHash: string;
  pipeline: string | null;
  embedders: string[];
}

export interface DocumentRecord {
  source: string;
  title: string;
  kind: DocumentKind;
  language: string;
  publishedOn: string | null;
  contentHash: string;
  sizeBytes: number;
  cantieri: string[];
  projects: string[];
  metadata: Record<string, unknown>;
}

export interface EmbeddedChunk extends ChunkDraft {
  embedding: number[];
}

/** What is stored of each of `sources` that is stored, in one query. */
export async function findDocuments(db: Queryable, sources: string[]): Promise<Map<string, StoredDocumentState>> {
  const rows = await db.query(
    `SELECT d.id, d.source, d.content_hash, d.metadata->>'pipeline' AS pipeline,
            ARRAY(SELECT DISTINCT c.embedder FROM chunks c WHERE c.document_id = d.id) AS embedders
     FROM documents d WHERE d.source = ANY($1::text[])`,
    [sources],
  );
  return new Map(rows.map((row) => [row.source as string, { id: row.id, contentHash: row.content_hash, pipeline: row.pipeline, embedders: row.embedders ?? [] }]));
}

/** Rows per chunk INSERT (7 parameters a row, far below PostgreSQL's 65,535). */
const CHUNK_ROWS = 500;

async function insertChunks(tx: Queryable, docs: { id: number; chunks: EmbeddedChunk[] }[], embedderId: string): Promise<void> {
  const all = docs.flatMap((d) => d.chunks.map((c) => ({ documentId: d.id, c })));
  for (let i = 0; i < all.length; i += CHUNK_ROWS) {
    const params: unknown[] = [];
    const rows = all.slice(i, i + CHUNK_ROWS).map(({ documentId, c }) => {
      const b = params.length;
      params.push(documentId, c.ord, c.title, c.section, c.text, toVectorSql(c.embedding), embedderId);
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::vector, $${b + 7})`;
    });
    await tx.query(`INSERT INTO chunks (document_id, ord, title, section, text, embedding, embedder) VALUES ${rows.join(', ')}`, params);
  }
}

/** One document to write: its record, its embedded chunks, and work to do first in the same transaction. */
export interface DocumentWrite {
  doc: DocumentRecord;
  chunks: EmbeddedChunk[];
  before?: (tx: Queryable) => Promise<void>;
}

const DOC_COLUMNS = 10;
const docValues = (d: DocumentRecord) => [d.source, d.title, d.kind, d.language, d.publishedOn, d.contentHash, d.sizeBytes, d.cantieri, d.projects, d.metadata];

/**
 * Writes documents and their chunks in ONE transaction, with a few statements whatever their
 * number: a new document is inserted, an existing one (same source) is updated and its chunks
 * replaced. Each `before` runs first in the same transaction (project sheets upsert their projects
 * there), so a failure leaves nothing half-written. Returns what happened to each, in order.
 * `deferTermStats`: the chunks' terms go into the statistics only at `countPendingTermStats`.
 */
export async function writeDocuments(
  db: Db,
  writes: DocumentWrite[],
  embedderId: string,
  opts: { deferTermStats?: boolean } = {},
): Promise<('added' | 'replaced')[]> {
  const sources = writes.map((w) => w.doc.source);
  if (new Set(sources).size !== sources.length) throw new Error('one document source twice in one write');
  return db.transaction(async (tx) => {
    // The new chunks' terms are counted later, all at once (db/migrations/008_deferred_term_stats.sql).
    if (opts.deferTermStats) await tx.exec(`SET LOCAL regia.defer_term_stats = 'on'`);
    for (const w of writes) if (w.before) await w.before(tx);
    const locked = await tx.query(`SELECT id, source FROM documents WHERE source = ANY($1::text[]) ORDER BY source FOR UPDATE`, [sources]);
    const ids = new Map<string, number>(locked.map((r) => [r.source, r.id]));
    const replaced = writes.filter((w) => ids.has(w.doc.source));
    if (replaced.length) await tx.query(`DELETE FROM chunks WHERE document_id = ANY($1::bigint[])`, [replaced.map((w) => ids.get(w.doc.source))]);
    for (const { doc } of replaced) {
      await tx.query(
        `UPDATE documents SET title = $2, kind = $3, language = $4, published_on = $5, content_hash = $6, size_bytes = $7,
           cantieri = $8, projects = $9, metadata = $10, ingested_at = now() WHERE source = $1`,
        docValues(doc),
      );
    }
    const added = writes.filter((w) => !ids.has(w.doc.source));
    if (added.length) {
      const params: unknown[] = [];
      const rows = added.map(({ doc }) => {
        const b = params.length;
        params.push(...docValues(doc));
        return `(${Array.from({ length: DOC_COLUMNS }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      const inserted = await tx.query(
        `INSERT INTO documents (source, title, kind, language, published_on, content_hash, size_bytes, cantieri, projects, metadata)
         VALUES ${rows.join(', ')} RETURNING id, source`,
        params,
      );
      for (const r of inserted) ids.set(r.source, r.id);
    }
    await insertChunks(tx, writes.map((w) => ({ id: ids.get(w.doc.source)!, chunks: w.chunks })), embedderId);
    return writes.map((w) => (replaced.includes(w) ? 'replaced' : 'added'));
  });
}

/**
 * Counts into the term statistics the chunks written with `deferTermStats` (by this process or by
 * one that stopped before counting them); returns how many.
 */
export async function countPendingTermStats(db: Queryable): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT chunk_stats_count_pending() AS n`);
  return n;
}
