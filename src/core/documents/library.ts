import type { AppContext } from '../../app.ts';
import type { Actor, Lang } from '../types.ts';
import { recordDocumentAction } from './audit.ts';
import { mayRemoveDocuments } from './permissions.ts';
import { t } from '../texts/index.ts';

export interface DocumentEntry {
  id: number;
  source: string;
  title: string;
  kind: string;
  cantieri: string[];
  passages: number;
  ingestedAt: string;
}

/** The documents in Regia, newest first. */
export async function listDocuments(app: AppContext, limit = 50): Promise<DocumentEntry[]> {
  const rows = await app.db.query(
    `SELECT d.id, d.source, d.title, d.kind, d.cantieri, d.ingested_at, (SELECT count(*) FROM chunks c WHERE c.document_id = d.id) AS passages
     FROM documents d ORDER BY d.ingested_at DESC, d.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    source: r.source,
    title: r.title,
    kind: r.kind,
    cantieri: r.cantieri ?? [],
    passages: Number(r.passages),
    ingestedAt: new Date(r.ingested_at).toISOString(),
  }));
}

/** Removes a document and its passages (admins only); the audit log keeps who removed what, when. */
export async function removeDocument(app: AppContext, id: number, actor: Actor, lang: Lang): Promise<{ ok: boolean; message: string }> {
  if (!(await mayRemoveDocuments(app, actor))) return { ok: false, message: t(lang, 'documents.removeNotAllowed') };
  return app.db.transaction(async (tx) => {
    const [doc] = await tx.query(`DELETE FROM documents WHERE id = $1 RETURNING id, source, title, content_hash`, [id]);
    if (!doc) return { ok: false, message: t(lang, 'documents.notFound') };
    await recordDocumentAction(tx, { id: Number(doc.id), source: doc.source, title: doc.title, contentHash: doc.content_hash }, 'removed', actor);
    return { ok: true, message: t(lang, 'documents.removed', { title: doc.title }) };
  });
}
