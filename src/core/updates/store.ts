import type { Queryable, Row } from '../../../db/client.ts';
import type { AppContext } from '../../app.ts';
import { provenanceOf } from '../provenance.ts';
import type { Actor } from '../types.ts';
import { updateRecordSchema, type UpdateRecord, type UpdateStatus } from './schema.ts';

export type UpdateSource = 'form' | 'message' | 'import';

/** A progress update as stored: the record plus who, when, where from, and what it revises. */
export interface StoredUpdate extends UpdateRecord {
  id: number;
  projectName: string;
  cantiereId: string;
  author: { platform: string; userId: string; displayName: string };
  source: UpdateSource;
  sourceRef: string | null;
  sourceText: string | null;
  /** The revision this one replaces (an edit), or null for a first version. */
  supersedes: number | null;
  /** ISO timestamp. */
  createdAt: string;
}

export class UpdateStoreError extends Error {}

export interface SaveOptions {
  source: UpdateSource;
  /** Platform reference of the source message (a message id, as the channel knows it). */
  sourceRef?: string | null;
  /** The message the update was parsed from, kept verbatim. */
  sourceText?: string | null;
  /** Id of the revision this edit replaces. */
  supersedes?: number;
  /** Creation time (imports of history); default now. */
  createdAt?: Date;
}

const SELECT = `SELECT u.*, p.name AS project_name FROM updates u JOIN projects p ON p.id = u.project_id`;
/** Current revisions only: rows that no later edit supersedes. */
const CURRENT = `NOT EXISTS (SELECT 1 FROM updates r WHERE r.supersedes = u.id)`;

export function toStoredUpdate(r: Row): StoredUpdate {
  return {
    id: Number(r.id),
    project: r.project_id,
    projectName: r.project_name ?? r.project_id,
    cantiereId: r.cantiere_id,
    status: r.status as UpdateStatus,
    progress: r.progress === null ? null : Number(r.progress),
    summary: r.summary,
    next_steps: r.next_steps,
    blockers: r.blockers,
    due_date: r.due_date,
    source: r.source,
    ...provenanceOf(r),
  };
}

/**
 * Appends an update (never UPDATE/DELETE: the database forbids it). An edit passes `supersedes`
 * and becomes a new revision; the old one stays readable in the history.
 */
export async function saveUpdate(app: Pick<AppContext, 'db'>, record: UpdateRecord, actor: Actor, opts: SaveOptions): Promise<StoredUpdate> {
  const parsed = updateRecordSchema.safeParse(record);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UpdateStoreError(`invalid update: ${String(i.path[0] ?? 'record')}: ${i.message}`);
  }
  const r = parsed.data;
  return app.db.transaction(async (tx) => {
    const [project] = await tx.query(
      `SELECT p.id, p.cantiere_id, p.archived, c.archived AS cantiere_archived FROM projects p JOIN cantieri c ON c.id = p.cantiere_id WHERE p.id = $1`,
      [r.project],
    );
    if (!project) throw new UpdateStoreError(`unknown project "${r.project}"`);
    if (project.archived || project.cantiere_archived) throw new UpdateStoreError(`project "${r.project}" is archived`);
    if (opts.supersedes !== undefined) {
      const [prior] = await tx.query(`SELECT id, (SELECT id FROM updates r WHERE r.supersedes = u.id) AS revised_by FROM updates u WHERE id = $1`, [opts.supersedes]);
      if (!prior) throw new UpdateStoreError(`update #${opts.supersedes} does not exist`);
      if (prior.revised_by !== null) throw new UpdateStoreError(`update #${opts.supersedes} was already revised by #${prior.revised_by}: edit that one`);
    }
    const [row] = await tx.query(
      `INSERT INTO updates (project_id, cantiere_id, supersedes, author_platform, author_id, author_name, status, progress,
         summary, next_steps, blockers, due_date, source, source_ref, source_text, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, coalesce($16::timestamptz, now()))
       RETURNING id`,
      [
        r.project, project.cantiere_id, opts.supersedes ?? null, actor.platform, actor.userId, actor.displayName, r.status, r.progress,
        r.summary, r.next_steps, r.blockers, r.due_date, opts.source, opts.sourceRef ?? null, opts.sourceText ?? null,
        opts.createdAt ? opts.createdAt.toISOString() : null,
      ],
    );
    const [stored] = await tx.query(`${SELECT} WHERE u.id = $1`, [row.id]);
    return toStoredUpdate(stored);
  });
}

export interface UpdateFilter {
  projectId?: string;
  cantiereId?: string | null;
}

function filterSql(f: UpdateFilter & { since?: string | Date; until?: string | Date }, params: unknown[]): string {
  const where = [CURRENT];
  if (f.projectId) where.push(`u.project_id = $${params.push(f.projectId)}`);
  if (f.cantiereId) where.push(`u.cantiere_id = $${params.push(f.cantiereId)}`);
  if (f.since) where.push(`u.created_at >= $${params.push(toTimestamp(f.since))}::timestamptz`);
  if (f.until) where.push(`u.created_at < $${params.push(toTimestamp(f.until))}::timestamptz`);
  return where.join(' AND ');
}

function toTimestamp(v: string | Date): string {
  if (v instanceof Date) return v.toISOString();
  // A bare date means midnight UTC of that day.
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
}

/** The newest current update of each project (optionally of one project or cantiere), newest first. */
export async function latestUpdates(db: Queryable, filter: UpdateFilter = {}): Promise<StoredUpdate[]> {
  const params: unknown[] = [];
  const rows = await db.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (u.project_id) u.*, p.name AS project_name FROM updates u JOIN projects p ON p.id = u.project_id
       WHERE ${filterSql(filter, params)}
       ORDER BY u.project_id, u.created_at DESC, u.id DESC
     ) latest ORDER BY created_at DESC, id DESC`,
    params,
  );
  return rows.map(toStoredUpdate);
}

/**
 * Current updates (edits replace what they revise) in date order, oldest first. `since` is
 * inclusive, `until` exclusive; a bare YYYY-MM-DD means midnight UTC.
 */
export async function listUpdates(
  db: Queryable,
  filter: UpdateFilter & { since?: string | Date; until?: string | Date; limit?: number } = {},
): Promise<StoredUpdate[]> {
  const params: unknown[] = [];
  const where = filterSql(filter, params);
  const limit = filter.limit ? ` LIMIT ${Math.max(1, Math.floor(filter.limit))}` : '';
  const rows = await db.query(`${SELECT} WHERE ${where} ORDER BY u.created_at, u.id${limit}`, params);
  return rows.map(toStoredUpdate);
}

/** Every revision of the update `id` belongs to, oldest first (the full edit history). */
export async function revisionsOf(db: Queryable, id: number): Promise<StoredUpdate[]> {
  const rows = await db.query(
    `WITH RECURSIVE back AS (
       SELECT u.id, u.supersedes FROM updates u WHERE u.id = $1
       UNION ALL SELECT u.id, u.supersedes FROM updates u JOIN back b ON u.id = b.supersedes
     ), root AS (SELECT id FROM back WHERE supersedes IS NULL),
     fwd AS (
       SELECT u.id FROM updates u JOIN root ON u.id = root.id
       UNION ALL SELECT u.id FROM updates u JOIN fwd f ON u.supersedes = f.id
     )
     ${SELECT} WHERE u.id IN (SELECT id FROM fwd) ORDER BY u.id`,
    [id],
  );
  return rows.map(toStoredUpdate);
}

export async function getUpdate(db: Queryable, id: number): Promise<StoredUpdate | null> {
  const [row] = await db.query(`${SELECT} WHERE u.id = $1`, [id]);
  return row ? toStoredUpdate(row) : null;
}
