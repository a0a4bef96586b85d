import type { Queryable } from '../../../db/client.ts';
import type { Actor } from '../types.ts';

export type DocumentAction = 'added' | 'replaced' | 'removed';

/** One line of the documents' history; it stays when the document goes. */
export async function recordDocumentAction(
  db: Queryable,
  doc: { id: number | null; source: string; title: string; contentHash: string | null },
  action: DocumentAction,
  actor: Actor,
  origin: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    `INSERT INTO document_audit (document_id, source, title, content_hash, action, actor_platform, actor_id, actor_name, origin)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [doc.id, doc.source, doc.title, doc.contentHash, action, actor.platform, actor.userId, actor.displayName, origin],
  );
}

export interface DocumentAuditRow {
  source: string;
  title: string;
  action: DocumentAction;
  actor: string;
  at: string;
}

export async function documentHistory(db: Queryable, source: string): Promise<DocumentAuditRow[]> {
  const rows = await db.query(`SELECT source, title, action, actor_name, at FROM document_audit WHERE source = $1 ORDER BY at, id`, [source]);
  return rows.map((r) => ({ source: r.source, title: r.title, action: r.action, actor: r.actor_name, at: new Date(r.at).toISOString() }));
}
