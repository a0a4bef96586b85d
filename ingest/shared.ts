import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AppContext } from '../src/app.ts';
import type { Actor, Lang } from '../src/core/types.ts';
import { recordDocumentAction } from '../src/core/documents/audit.ts';
import { mayAddDocuments } from '../src/core/documents/permissions.ts';
import { t } from '../src/core/texts/index.ts';

/** A file someone shared with Regia in chat; the platform adapter knows how to fetch it. */
export interface SharedFile {
  /** The file's name as shared ("Verbale 12 novembre.docx"). */
  name: string;
  /** Size in bytes when the platform says it before the download. */
  size: number | null;
  /** Fetches the bytes; rejects with a DownloadError past `maxBytes` or on failure. */
  download(maxBytes: number): Promise<Uint8Array>;
}

/** A download that did not complete, with a reason for the person who shared the file. */
export class DownloadError extends Error {}

export interface ShareContext {
  actor: Actor;
  /** The cantiere of the channel it was shared in (null in a DM). */
  cantiereId: string | null;
  /** Where it came from (platform file id, conversation, message), kept with the document and the audit row. */
  origin: Record<string, unknown>;
  lang: Lang;
  /** Called once the person is allowed and the file passed the checks, before the slow part (a progress message). */
  onStart?(name: string): Promise<void>;
}

export type ShareOutcome =
  | { status: 'added' | 'replaced'; source: string; title: string; passages: number; message: string }
  | { status: 'unchanged'; source: string; title: string; message: string }
  | { status: 'refused' | 'failed'; message: string };

/** A shared file's name, safe as a file name and as the document's source (its base name). */
export function documentSource(name: string): string {
  const clean = basename(name.replace(/\\/g, '/'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are stripped from file names
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return clean && clean !== '.' && clean !== '..' ? clean : 'document';
}

/**
 * Adds a file shared in chat through the same pipeline as `regia ingest` (same checks, limits and
 * idempotency by content), tagged with the cantiere it was shared in. Returns what to tell the
 * person: added with its passages, already there, or the specific reason it was not added.
 */
export async function addSharedDocument(app: AppContext, file: SharedFile, ctx: ShareContext): Promise<ShareOutcome> {
  const { lang } = ctx;
  if (!(await mayAddDocuments(app, ctx.actor))) return { status: 'refused', message: t(lang, 'documents.notAllowed') };
  const source = documentSource(file.name);
  const { checkSupported } = await import('./loaders/index.ts');
  try {
    checkSupported(source);
  } catch (err) {
    return { status: 'failed', message: t(lang, 'documents.failed', { name: source, reason: (err as Error).message }) };
  }
  const maxMb = Math.round(app.config.maxFileBytes / 1024 / 1024);
  if (file.size !== null && file.size > app.config.maxFileBytes) return { status: 'failed', message: t(lang, 'documents.failed', { name: source, reason: t(lang, 'documents.tooLarge', { mb: maxMb }) }) };
  await ctx.onStart?.(source);
  let bytes: Uint8Array;
  try {
    bytes = await file.download(app.config.maxFileBytes);
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    return { status: 'failed', message: t(lang, 'documents.failed', { name: source, reason: t(lang, 'documents.downloadFailed', { why: err.message }) }) };
  }
  // The same content under another name is the same document.
  const hash = createHash('sha256').update(bytes).digest('hex');
  const [twin] = await app.db.query(`SELECT source, title FROM documents WHERE content_hash = $1 AND source <> $2 LIMIT 1`, [hash, source]);
  if (twin) return { status: 'unchanged', source: twin.source, title: twin.title, message: t(lang, 'documents.unchanged', { title: twin.title }) };

  const dir = await mkdtemp(join(tmpdir(), 'regia-share-'));
  try {
    const path = join(dir, source);
    await writeFile(path, bytes);
    const { ingestPaths } = await import('./pipeline.ts');
    const summary = await ingestPaths(app, [path], {
      cantieri: ctx.cantiereId ? [ctx.cantiereId] : [],
      metadata: { origin: ctx.origin, shared_by: ctx.actor.displayName },
    });
    if (summary.failed.length) return { status: 'failed', message: t(lang, 'documents.failed', { name: source, reason: summary.failed[0].reason }) };
    const [doc] = await app.db.query(
      `SELECT id, title, content_hash, (SELECT count(*) FROM chunks c WHERE c.document_id = d.id) AS passages FROM documents d WHERE source = $1`,
      [source],
    );
    if (summary.unchanged) return { status: 'unchanged', source, title: doc.title, message: t(lang, 'documents.unchanged', { title: doc.title }) };
    const status = summary.replaced ? 'replaced' : 'added';
    await recordDocumentAction(app.db, { id: Number(doc.id), source, title: doc.title, contentHash: doc.content_hash }, status, ctx.actor, ctx.origin);
    const passages = Number(doc.passages);
    return { status, source, title: doc.title, passages, message: t(lang, `documents.${status}`, { title: doc.title, name: source, n: passages }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
