import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AppContext } from '../src/app.ts';
import { EmbeddingError, getEmbedder } from '../src/core/embedding/index.ts';
import type { Embedder } from '../src/core/embedding/embedder.ts';
import type { Programme } from '../src/programme/model.ts';
import { cleanToBlocks, renderBlocks } from './clean.ts';
import { embedChunks } from './embed.ts';
import { assignSources, expandPaths, type InputFile } from './files.ts';
import { checkSupported, extensionOf, isSheet, loadDocument } from './loaders/index.ts';
import { detectLang } from '../src/core/language.ts';
import { findMentions, pickTitle, takeDateLine } from './metadata.ts';
import { parseCsvSheet, parseYamlSheet, renderSheet, upsertSheetProjects, type ProjectSheet } from './sheets.ts';
import { splitBlocks } from './split.ts';
import { beginBulkWrite, endBulkWrite } from './bulk.ts';
import { findDocument, writeDocument, type DocumentRecord, type EmbeddedChunk } from './store.ts';
import { IngestError, type Block, type ChunkDraft, type DocumentKind } from './types.ts';

/**
 * Bump when cleaning or splitting changes, so unchanged files are re-chunked once with the new
 * rules (the content hash alone would call them unchanged).
 */
export const PIPELINE_VERSION = 'ingest-v1';

export interface IngestSummary {
  added: number;
  unchanged: number;
  replaced: number;
  chunks: number;
  failed: { file: string; reason: string }[];
}

export interface IngestOptions {
  onProgress?(done: number, total: number, file: string): void;
  /** Cantieri every file is about besides those its text names (e.g. the channel it was shared in). */
  cantieri?: string[];
  /** Stored with each document's metadata (e.g. where it came from). */
  metadata?: Record<string, unknown>;
}

/** A file turned into everything that gets stored, before any write. */
export interface PreparedDocument {
  record: DocumentRecord;
  blocks: Block[];
  chunks: ChunkDraft[];
  sheet?: ProjectSheet;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a file with the checks that need no parsing: type, size, emptiness. */
export function readInput(path: string, maxFileBytes: number): Uint8Array {
  checkSupported(path);
  const size = statSync(path).size;
  if (size === 0) throw new IngestError('empty file (0 bytes)');
  if (size > maxFileBytes) {
    throw new IngestError(`file is ${megabytes(size)}, over the ${megabytes(maxFileBytes)} limit (REGIA_MAX_FILE_MB)`);
  }
  return readFileSync(path);
}

/** Load, clean, read metadata and split one file: pure apart from reading the programme. */
export async function prepareDocument(
  file: InputFile,
  bytes: Uint8Array,
  programme: Programme | null,
): Promise<PreparedDocument> {
  const ext = extensionOf(file.path);
  const fallbackTitle = basename(file.path).replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  let kind: DocumentKind;
  let text: string;
  let markup: boolean;
  let loaderTitle: string | undefined;
  let sheet: ProjectSheet | undefined;
  if (isSheet(file.path)) {
    sheet = ext === '.csv' ? parseCsvSheet(bytes, ext, programme) : parseYamlSheet(bytes, ext, programme);
    kind = 'project_sheet';
    text = renderSheet(sheet, programme!, fallbackTitle);
    markup = true;
  } else {
    const loaded = await loadDocument(file.path, bytes);
    ({ kind, text, markup } = loaded);
    loaderTitle = loaded.title;
  }
  const dated = takeDateLine(text);
  const blocks = cleanToBlocks(dated.text, { markup });
  if (!blocks.some((b) => b.type === 'paragraph' && /[\p{L}\p{N}]/u.test(b.text))) {
    throw new IngestError(kind === 'pdf' ? 'no extractable text (a scanned PDF? run OCR on it first)' : 'no text content');
  }
  const cleaned = renderBlocks(blocks);
  const title = pickTitle({ blocks, rawText: dated.text, markup, loaderTitle, fallback: fallbackTitle });
  const language = detectLang(cleaned);
  const chunks = await splitBlocks(blocks, {
    title,
    language,
    // One chunk per project in a sheet, so a citation points at one project.
    ...(sheet ? { minChars: 0 } : {}),
  });
  const mentions = findMentions(`${title}\n${cleaned}`, programme);
  return {
    blocks,
    chunks,
    sheet,
    record: {
      source: file.source,
      title,
      kind,
      language,
      publishedOn: dated.publishedOn,
      contentHash: sha256(bytes),
      sizeBytes: bytes.length,
      cantieri: mentions.cantieri,
      projects: [...new Set([...mentions.projects, ...(sheet?.records.map((r) => r.id) ?? [])])].sort(),
      metadata: { path: file.path, pipeline: PIPELINE_VERSION, chars: cleaned.length, ...(sheet ? { sheet_projects: sheet.records.map((r) => r.id) } : {}) },
    },
  };
}

type Outcome = { kind: 'added' | 'replaced' | 'unchanged'; chunks: number };
/** A file made ready to write (loaded, split, embedded), or found unchanged. */
type Staged = { kind: 'unchanged' } | { kind: 'write'; prepared: PreparedDocument; embedded: EmbeddedChunk[] };

async function stageOne(app: AppContext, file: InputFile, embedder: Embedder, programme: () => Promise<Programme | null>, opts: IngestOptions): Promise<Staged> {
  const bytes = readInput(file.path, app.config.maxFileBytes);
  const hash = sha256(bytes);
  // A remote model of unknown width names itself only after a first call: settle that before
  // comparing with the embedder stored on the chunks.
  if (!embedder.dim) await embedder.embedQuery('regia');
  const existing = await findDocument(app.db, file.source);
  if (
    existing &&
    existing.contentHash === hash &&
    existing.pipeline === PIPELINE_VERSION &&
    existing.embedders.every((e) => e === embedder.id)
  ) {
    return { kind: 'unchanged' };
  }
  const prepared = await prepareDocument(file, bytes, await programme());
  if (opts.cantieri?.length) prepared.record.cantieri = [...new Set([...prepared.record.cantieri, ...opts.cantieri])].sort();
  if (opts.metadata) prepared.record.metadata = { ...prepared.record.metadata, ...opts.metadata };
  // Embedding happens before the transaction: a failing embedder writes nothing.
  return { kind: 'write', prepared, embedded: await embedChunks(embedder, prepared.chunks) };
}

async function writeOne(app: AppContext, file: InputFile, staged: Staged, embedder: Embedder): Promise<Outcome> {
  if (staged.kind === 'unchanged') return { kind: 'unchanged', chunks: 0 };
  const { prepared, embedded } = staged;
  const sheet = prepared.sheet;
  const kind = await writeDocument(app.db, prepared.record, embedded, embedder.id, sheet ? (tx) => upsertSheetProjects(tx, sheet, file.source) : undefined);
  return { kind, chunks: embedded.length };
}

/** A promise that never rejects, so work started ahead cannot become an unhandled rejection. */
function settle<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
}

function reasonOf(err: unknown): string {
  if (err instanceof IngestError) return err.message;
  if (err instanceof EmbeddingError) return `embedding failed: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EISDIR') return 'is a directory';
  return `unexpected error: ${String(e?.message ?? e).split('\n')[0]}`;
}

/**
 * Ingests files and folders. Each file is its own unit of work: one that fails is reported with
 * its reason and leaves nothing behind, and the others go on. Project sheets go first, so the
 * projects they add are known when the documents are tagged.
 */
export async function ingestPaths(app: AppContext, paths: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, unchanged: 0, replaced: 0, chunks: 0, failed: [] };
  const { files, missing } = expandPaths(paths);
  for (const m of missing) summary.failed.push({ file: m, reason: 'no such file or directory' });
  const inputs = assignSources(files).sort((a, b) => Number(isSheet(b.path)) - Number(isSheet(a.path)));
  const embedder = getEmbedder(app);
  let programme: Programme | null | undefined;
  let programmeStale = true;
  const currentProgramme = async () => {
    if (programmeStale) {
      programme = await app.programme();
      programmeStale = false;
    }
    return programme ?? null;
  };
  const stage = (i: number) => settle(stageOne(app, inputs[i], embedder, currentProgramme, opts));
  const bulk = await beginBulkWrite(app.db, inputs);
  try {
    let next = inputs.length ? stage(0) : null;
    for (let i = 0; i < inputs.length; i++) {
      const file = inputs[i];
      const staged = await (next ?? stage(i));
      // The next file is loaded, split and embedded while this one is written (on PostgreSQL the two
      // overlap); not past a project sheet, whose projects tag the documents after it.
      next = i + 1 < inputs.length && !isSheet(file.path) ? stage(i + 1) : null;
      try {
        if ('error' in staged) throw staged.error;
        const outcome = await writeOne(app, file, staged.value, embedder);
        summary[outcome.kind]++;
        summary.chunks += outcome.chunks;
        if (isSheet(file.path) && outcome.kind !== 'unchanged') programmeStale = true;
        app.log.debug({ file: file.source, ...outcome }, 'ingested');
      } catch (err) {
        const reason = reasonOf(err);
        summary.failed.push({ file: file.source, reason });
        if (!(err instanceof IngestError) && !(err instanceof EmbeddingError)) app.log.warn({ file: file.path, err }, 'ingestion failed unexpectedly');
      }
      opts.onProgress?.(i + 1, inputs.length, file.source);
    }
  } finally {
    await endBulkWrite(app.db, bulk, summary.chunks > 0 ? embedder.dim : null);
  }
  return summary;
}
