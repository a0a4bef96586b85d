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
import { INGEST_LIMITS, TimeBudget } from './limits.ts';
import { checkSupported, extensionOf, isSheet, loadDocument } from './loaders/index.ts';
import { detectLang } from '../src/core/language.ts';
import { findMentions, pickTitle, takeDateLine } from './metadata.ts';
import { parseCsvSheet, parseYamlSheet, renderSheet, upsertSheetProjects, type ProjectSheet } from './sheets.ts';
import { splitBlocks } from './split.ts';
import { beginBulkWrite, endBulkWrite } from './bulk.ts';
import { countPendingTermStats, findDocuments, writeDocuments, type DocumentRecord, type DocumentWrite, type EmbeddedChunk, type StoredDocumentState } from './store.ts';
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
  /** Files skipped (links out of the folder, named pipes) or ingested only in part (page limit). */
  warnings: { file: string; reason: string }[];
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
  /** What the loader left out, for the summary. */
  notes: string[];
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
  budget?: TimeBudget,
): Promise<PreparedDocument> {
  const ext = extensionOf(file.path);
  const fallbackTitle = basename(file.path).replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  let kind: DocumentKind;
  let text: string;
  let markup: boolean;
  let loaderTitle: string | undefined;
  let sheet: ProjectSheet | undefined;
  let notes: string[] = [];
  if (isSheet(file.path)) {
    sheet = ext === '.csv' ? parseCsvSheet(bytes, ext, programme) : parseYamlSheet(bytes, ext, programme);
    kind = 'project_sheet';
    text = renderSheet(sheet, programme!, fallbackTitle);
    markup = true;
  } else {
    const loaded = await loadDocument(file.path, bytes, budget);
    ({ kind, text, markup } = loaded);
    notes = loaded.notes ?? [];
    loaderTitle = loaded.title;
  }
  budget?.check();
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
  budget?.check();
  const mentions = findMentions(`${title}\n${cleaned}`, programme);
  return {
    blocks,
    chunks,
    sheet,
    notes,
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

type Outcome = { kind: 'added' | 'replaced' | 'unchanged'; chunks: number; notes?: string[] };
/** A file made ready to write (loaded, split, embedded), or found unchanged. */
type Staged = { kind: 'unchanged' } | { kind: 'write'; prepared: PreparedDocument; embedded: EmbeddedChunk[] };

async function stageOne(
  app: AppContext,
  file: InputFile,
  embedder: Embedder,
  programme: () => Promise<Programme | null>,
  stored: Map<string, StoredDocumentState>,
  opts: IngestOptions,
): Promise<Staged> {
  const bytes = readInput(file.path, app.config.maxFileBytes);
  const hash = sha256(bytes);
  // A remote model of unknown width names itself only after a first call: settle that before
  // comparing with the embedder stored on the chunks.
  if (!embedder.dim) await embedder.embedQuery('regia');
  const existing = stored.get(file.source);
  if (
    existing &&
    existing.contentHash === hash &&
    existing.pipeline === PIPELINE_VERSION &&
    existing.embedders.every((e) => e === embedder.id)
  ) {
    return { kind: 'unchanged' };
  }
  const budget = new TimeBudget(INGEST_LIMITS.fileSeconds, (s) => new IngestError(`took longer than the ${s} s allowed for one file: split it into smaller files`));
  const prepared = await prepareDocument(file, bytes, await programme(), budget);
  if (opts.cantieri?.length) prepared.record.cantieri = [...new Set([...prepared.record.cantieri, ...opts.cantieri])].sort();
  if (opts.metadata) prepared.record.metadata = { ...prepared.record.metadata, ...opts.metadata };
  // Embedding happens before the transaction: a failing embedder writes nothing.
  return { kind: 'write', prepared, embedded: await embedChunks(embedder, prepared.chunks) };
}

/** A staged write waiting for its batch, with the file it came from. */
interface Pending {
  file: InputFile;
  staged: Extract<Staged, { kind: 'write' }>;
}

/** Documents written per transaction: fewer round trips and commits, the main cost of many small files. */
const WRITE_BATCH_CHUNKS = 1000;
const WRITE_BATCH_DOCUMENTS = 200;
/**
 * Chunks written between two countings of their terms into the statistics: each counting is one
 * aggregate, cheaper per chunk the more it holds; the bound keeps searches during a long
 * ingestion from missing the terms of the chunks already in for long.
 */
const TERM_STATS_EVERY_CHUNKS = 20_000;

const writeOf = (p: Pending): DocumentWrite => {
  const sheet = p.staged.prepared.sheet;
  return { doc: p.staged.prepared.record, chunks: p.staged.embedded, before: sheet ? (tx) => upsertSheetProjects(tx, sheet, p.file.source) : undefined };
};

/** Ingestion writes count their chunks' terms once per TERM_STATS_EVERY_CHUNKS and at the end. */
const DEFERRED = { deferTermStats: true };

/**
 * Writes the pending documents in one transaction; if that fails, each on its own, so only the
 * document at fault fails. Returns, per pending document, its outcome or its error.
 */
async function writeBatch(app: AppContext, pending: Pending[], embedder: Embedder): Promise<({ value: Outcome } | { error: unknown })[]> {
  const outcome = (p: Pending, kind: 'added' | 'replaced'): { value: Outcome } => ({ value: { kind, chunks: p.staged.embedded.length, notes: p.staged.prepared.notes } });
  if (pending.length > 1) {
    const kinds = await settle(writeDocuments(app.db, pending.map(writeOf), embedder.id, DEFERRED));
    if ('value' in kinds) return pending.map((p, i) => outcome(p, kinds.value[i]));
  }
  const out: ({ value: Outcome } | { error: unknown })[] = [];
  for (const p of pending) {
    const kinds = await settle(writeDocuments(app.db, [writeOf(p)], embedder.id, DEFERRED));
    out.push('value' in kinds ? outcome(p, kinds.value[0]) : kinds);
  }
  return out;
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
  const summary: IngestSummary = { added: 0, unchanged: 0, replaced: 0, chunks: 0, failed: [], warnings: [] };
  const { files, missing, skipped } = expandPaths(paths);
  for (const m of missing) summary.failed.push({ file: m, reason: 'no such file or directory' });
  summary.warnings.push(...skipped);
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
  const stored = await findDocuments(app.db, inputs.map((f) => f.source));
  const stage = (i: number) => settle(stageOne(app, inputs[i], embedder, currentProgramme, stored, opts));
  const record = (file: InputFile, result: { value: Outcome } | { error: unknown }) => {
    if ('error' in result) {
      const err = result.error;
      summary.failed.push({ file: file.source, reason: reasonOf(err) });
      if (!(err instanceof IngestError) && !(err instanceof EmbeddingError)) app.log.warn({ file: file.path, err }, 'ingestion failed unexpectedly');
      return;
    }
    const outcome = result.value;
    summary[outcome.kind]++;
    summary.chunks += outcome.chunks;
    for (const reason of outcome.notes ?? []) summary.warnings.push({ file: file.source, reason });
    if (isSheet(file.path) && outcome.kind !== 'unchanged') programmeStale = true;
    app.log.debug({ file: file.source, ...outcome }, 'ingested');
  };
  let pending: Pending[] = [];
  let done = 0;
  let uncounted = 0;
  const write = async (batch: Pending[]) => {
    const results = await writeBatch(app, batch, embedder);
    batch.forEach((p, k) => {
      record(p.file, results[k]);
      opts.onProgress?.(++done, inputs.length, p.file.source);
    });
    uncounted += batch.reduce((n, p) => n + p.staged.embedded.length, 0);
    if (uncounted >= TERM_STATS_EVERY_CHUNKS) {
      await countPendingTermStats(app.db);
      uncounted = 0;
    }
  };
  // One batch is written while the next is prepared: the database's work and this process's
  // overlap (on PostgreSQL in its server, on PGlite in its thread). Writes stay one at a time, in order.
  let writing: Promise<{ value: unknown } | { error: unknown }> = Promise.resolve({ value: undefined });
  let inFlight = false;
  const written = async () => {
    const w = await writing;
    inFlight = false;
    if ('error' in w) throw w.error;
  };
  const flush = async () => {
    await written();
    const batch = pending;
    pending = [];
    writing = settle(write(batch));
    inFlight = true;
  };
  // Chunks left uncounted by an ingestion that stopped early are counted first.
  await countPendingTermStats(app.db);
  const bulk = await beginBulkWrite(app.db, inputs);
  try {
    let next = inputs.length ? stage(0) : null;
    for (let i = 0; i < inputs.length; i++) {
      const file = inputs[i];
      // Preparing a file never waits on input or output by itself: the event loop gets a turn, so
      // the batch being written sends its next statement as soon as the last one answered.
      if (inFlight) await new Promise<void>((resolve) => setImmediate(resolve));
      const staged = await (next ?? stage(i));
      // The next file is loaded, split and embedded while this one waits; not past a project
      // sheet, whose projects tag the documents after it.
      next = i + 1 < inputs.length && !isSheet(file.path) ? stage(i + 1) : null;
      if ('value' in staged && staged.value.kind === 'write') {
        pending.push({ file, staged: staged.value });
        const chunks = pending.reduce((n, p) => n + p.staged.embedded.length, 0);
        if (isSheet(file.path)) {
          // A sheet is written at once: the files after it are tagged with its projects.
          await flush();
          await written();
        } else if (chunks >= WRITE_BATCH_CHUNKS || pending.length >= WRITE_BATCH_DOCUMENTS || i + 1 === inputs.length) await flush();
        continue;
      }
      record(file, 'error' in staged ? staged : { value: { kind: 'unchanged', chunks: 0 } });
      opts.onProgress?.(++done, inputs.length, file.source);
      if (i + 1 === inputs.length && pending.length) await flush();
    }
    await written();
  } finally {
    // Nothing else touches the database while a batch is still being written.
    await writing;
    await countPendingTermStats(app.db);
    await endBulkWrite(app.db, bulk, summary.chunks > 0 ? embedder.dim : null);
  }
  return summary;
}
