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

export async function findDocument(db: Queryable, source: string): Promise<StoredDocumentState | null> {
  const [row] = await db.query(
    `SELECT d.id, d.content_hash, d.metadata->>'pipeline' AS pipeline,
            ARRAY(SELECT DISTINCT c.embedder FROM chunks c WHERE c.document_id = d.id) AS embedders
     FROM documents d WHERE d.source = $1`,
    [source],
  );
  return row ? { id: row.id, contentHash: row.content_hash, pipeline: row.pipeline, embedders: row.embedders ?? [] } : null;
}

const BATCH = 100;

async function insertChunks(tx: Queryable, documentId: number, chunks: EmbeddedChunk[], embedderId: string): Promise<void> {
  for (let i = 0; i < chunks.length; i += BATCH) {
    const batch = chunks.slice(i, i + BATCH);
    const params: unknown[] = [];
    const rows = batch.map((c) => {
      const b = params.length;
      params.push(documentId, c.ord, c.title, c.section, c.text, toVectorSql(c.embedding), embedderId);
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::vector, $${b + 7})`;
    });
    await tx.query(`INSERT INTO chunks (document_id, ord, title, section, text, embedding, embedder) VALUES ${rows.join(', ')}`, params);
  }
}

/**
 * Writes a document and its chunks in ONE transaction: a new document is inserted, an existing one
 * (same source) is updated and its chunks replaced. `before` runs first in the same transaction
 * (project sheets upsert their projects there), so a failure leaves nothing half-written.
 */
export async function writeDocument(
  db: Db,
  doc: DocumentRecord,
  chunks: EmbeddedChunk[],
  embedderId: string,
  before?: (tx: Queryable) => Promise<void>,
): Promise<'added' | 'replaced'> {
  return db.transaction(async (tx) => {
    if (before) await before(tx);
    const [existing] = await tx.query(`SELECT id FROM documents WHERE source = $1 FOR UPDATE`, [doc.source]);
    let id: number;
    if (existing) {
      id = existing.id;
      await tx.query(`DELETE FROM chunks WHERE document_id = $1`, [id]);
      await tx.query(
        `UPDATE documents SET title = $2, kind = $3, language = $4, published_on = $5, content_hash = $6, size_bytes = $7,
           cantieri = $8, projects = $9, metadata = $10, ingested_at = now() WHERE id = $1`,
        [id, doc.title, doc.kind, doc.language, doc.publishedOn, doc.contentHash, doc.sizeBytes, doc.cantieri, doc.projects, doc.metadata],
      );
    } else {
      const [row] = await tx.query(
        `INSERT INTO documents (source, title, kind, language, published_on, content_hash, size_bytes, cantieri, projects, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [doc.source, doc.title, doc.kind, doc.language, doc.publishedOn, doc.contentHash, doc.sizeBytes, doc.cantieri, doc.projects, doc.metadata],
      );
      id = row.id;
    }
    await insertChunks(tx, id, chunks, embedderId);
    return existing ? 'replaced' : 'added';
  });
}
