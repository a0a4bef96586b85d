/**
 * Search at scale on real text (`BENCH_SCALE=1 npm run bench`, or alone:
 * `node bin/run-ts.js bench/scale.ts [pglite|postgres]`). Per engine, in a throwaway database:
 * the Cremona corpus and programme, the development questions answered (quality and latency),
 * then real Italian distractors ingested with `regia ingest` (throughput, peak RSS) up to
 * 100,000 chunks on PostgreSQL and 20,000 on PGlite, the database opened again (open time) and
 * the same questions answered amid them. Lexical retrieval is compared in the same run with the
 * table-scanning OR query it replaced (latency, and whether the evidence is among its candidates).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openApp, type AppContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { stopEmbeddedServer } from '../db/client.ts';
import { createLogger } from '../src/log.ts';
import { compareLexical, type LexicalComparison } from './scale-lexical.ts';
import { distractorPaths } from './scale-corpus.ts';
import { throwawayDatabase } from './throwaway-db.ts';
import { percentile, readQa, runRegia, score, type QaItem } from './retrieval.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.BENCH_SHARED ?? resolve(ROOT, '..', 'shared');
const QA_FILES = ['qa-dev.jsonl', 'qa-dev-2.jsonl'].map((f) => join(SHARED, 'eval', f));
const TARGETS = { postgres: 100_000, pglite: 20_000 } as const;
/** The chunks to reach on an engine: the target, or BENCH_SCALE_CHUNKS_POSTGRES / _PGLITE (a smaller run, said in the report). */
const target = (engine: Engine) => Number(process.env[`BENCH_SCALE_CHUNKS_${engine.toUpperCase()}`] ?? TARGETS[engine]);

export type Engine = keyof typeof TARGETS;

export interface Pass {
  chunks: number;
  hit5: number;
  mrr: number;
  correct: number;
  searchP50: number;
  searchP95: number;
  askP50: number;
  askP95: number;
}

export interface ScaleReport {
  engine: Engine;
  without: Pass;
  amid: Pass;
  ingest: { files: number; chunks: number; seconds: number; chunksPerSec: number; peakRssMb: number | null; serverPeakRssMb: number | null; failed: { file: string; reason: string }[] };
  /**
   * Opening the database: `openApp` in this process (until the first query can run), and a whole
   * CLI call (`regia search`, process start to exit); "first" with no server running for the
   * folder (PGlite), "next" with the one the first left running.
   */
  open: { firstMs: number; nextMs: number; cliFirstMs: number; cliNextMs: number };
  lexical: LexicalComparison;
}

function regia(env: NodeJS.ProcessEnv, args: string[], rssFile?: string): string {
  const cli = [join(ROOT, 'bin', 'regia.js'), ...args];
  // GNU time reports the peak resident set of the ingestion process.
  const [cmd, argv] = rssFile && existsSync('/usr/bin/time') ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, 'node', ...cli]] : ['node', cli];
  return execFileSync(cmd, argv as string[], { env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function withApp<T>(env: NodeJS.ProcessEnv, fn: (app: AppContext, openMs: number) => Promise<T>): Promise<T> {
  const t = process.hrtime.bigint();
  const app = await openApp(loadConfig(env, { dotenv: false }), createLogger('warn'));
  const openMs = Number(process.hrtime.bigint() - t) / 1e6;
  try {
    return await fn(app, openMs);
  } finally {
    await app.close();
  }
}

/**
 * The peak resident set of the embedded database's server of the folder `env` names (Linux
 * VmHWM; it runs apart from the command measured by GNU time), or null.
 */
function serverPeakRss(env: NodeJS.ProcessEnv): number | null {
  if (env.DATABASE_URL || !env.REGIA_DATA_DIR) return null;
  try {
    const pid = readFileSync(join(env.REGIA_DATA_DIR, 'regia.lock'), 'utf8').trim();
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Stops the embedded database's server of the folder `env` names, if any: the next open is a first one. */
async function stopServer(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.DATABASE_URL && env.REGIA_DATA_DIR) await stopEmbeddedServer(env.REGIA_DATA_DIR);
}

async function measureOpen(env: NodeJS.ProcessEnv, question: string): Promise<ScaleReport['open']> {
  const cli = () => {
    const t = process.hrtime.bigint();
    regia(env, ['search', question, '--json']);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  await stopServer(env);
  const cliFirstMs = cli();
  const cliNextMs = cli();
  await stopServer(env);
  const firstMs = await withApp(env, async (_app, ms) => ms);
  const nextMs = await withApp(env, async (_app, ms) => ms);
  return { firstMs, nextMs, cliFirstMs, cliNextMs };
}

async function answerAll(app: AppContext, qa: QaItem[], qaFile: string, workDir: string): Promise<Pass> {
  await runRegia(app, qa.slice(0, 3)); // warm-up: caches and plans, not what is measured
  const run = await runRegia(app, qa);
  const s = score(run, qaFile, join(SHARED, 'eval', 'score-qa.mjs'), workDir);
  const [{ n }] = await app.db.query(`SELECT coalesce(sum(chunks), 0)::int AS n FROM chunk_counts`);
  return {
    chunks: n,
    hit5: s.hit5,
    mrr: s.mrr,
    correct: s.correct,
    searchP50: percentile(run.searchMs, 50),
    searchP95: percentile(run.searchMs, 95),
    askP50: percentile(run.askMs, 50),
    askP95: percentile(run.askMs, 95),
  };
}

export async function scaleBench(engine: Engine, log: (m: string) => void): Promise<ScaleReport> {
  const workDir = mkdtempSync(join(tmpdir(), 'regia-scale-'));
  const qaFile = join(workDir, 'qa.jsonl');
  writeFileSync(qaFile, `${QA_FILES.map((f) => readFileSync(f, 'utf8').trim()).join('\n')}\n`);
  const qa = readQa(qaFile);
  const paths = distractorPaths(SHARED, target(engine), log);
  const db = await throwawayDatabase(engine, workDir);
  const env: NodeJS.ProcessEnv = { ...process.env, ...db.env, REGIA_DEMO: 'off', LOG_LEVEL: 'warn', LLM_MODEL: '' };
  try {
    log(`${engine}: programme and the Cremona corpus`);
    regia(env, ['programme', 'load', join(SHARED, 'programme', 'io-ci-credo.yaml')]);
    regia(env, ['ingest', join(SHARED, 'corpus'), '--json']);
    const without = await withApp(env, (app) => answerAll(app, qa, qaFile, workDir));
    log(`${engine}: ingesting distractors from ${paths.join(', ')}`);
    const rssFile = join(workDir, 'rss.txt');
    const t = process.hrtime.bigint();
    const summary = JSON.parse(regia(env, ['ingest', ...paths, '--json'], rssFile).trim().split('\n').pop()!);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
    const serverPeakRssMb = serverPeakRss(env);
    log(`${engine}: ${summary.chunks} chunks in ${seconds.toFixed(0)} s; opening and answering amid them`);
    const open = await measureOpen(env, qa[0].question);
    return await withApp(env, async (app) => {
      const amid = await answerAll(app, qa, qaFile, workDir);
      const lexical = await compareLexical(app, qa, QA_FILES, log);
      return {
        engine,
        without,
        amid,
        ingest: {
          files: summary.added + summary.replaced + summary.failed.length,
          chunks: summary.chunks,
          seconds,
          chunksPerSec: summary.chunks / seconds,
          peakRssMb: Number.isFinite(rssKb) ? rssKb / 1024 : null,
          serverPeakRssMb,
          failed: summary.failed,
        },
        open,
        lexical,
      };
    });
  } finally {
    await db.destroy();
    rmSync(workDir, { recursive: true, force: true });
  }
}

const f3 = (n: number) => n.toFixed(3);
const ms = (n: number) => `${n.toFixed(1)} ms`;

export function renderScale(reports: ScaleReport[]): string {
  const lines = ['## Scale: real Italian text as distractors', ''];
  lines.push('| engine | chunks | hit@5 | MRR | answers correct | search p50 | search p95 | ask p50 | ask p95 |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    for (const [label, p] of [['Cremona only', r.without], ['amid distractors', r.amid]] as const) {
      lines.push(`| ${r.engine}, ${label} | ${p.chunks} | ${f3(p.hit5)} | ${f3(p.mrr)} | ${f3(p.correct)} | ${ms(p.searchP50)} | ${ms(p.searchP95)} | ${ms(p.askP50)} | ${ms(p.askP95)} |`);
    }
  }
  lines.push('');
  for (const r of reports) {
    const i = r.ingest;
    lines.push(
      `${r.engine}: distractors ingested by \`regia ingest\`: ${i.files} files, ${i.chunks} chunks in ${i.seconds.toFixed(1)} s ` +
        `(${i.chunksPerSec.toFixed(0)} chunks/s), peak RSS ${i.peakRssMb === null ? 'n/a' : `${i.peakRssMb.toFixed(0)} MB`}` +
        `${i.serverPeakRssMb === null ? '' : ` (the embedded database's server, a process of its own: ${i.serverPeakRssMb.toFixed(0)} MB)`}, ` +
        `${i.failed.length} failed${i.failed.length ? ` (${i.failed.map((f) => `${f.file}: ${f.reason}`).join('; ')})` : ''}; ` +
        `database opened (openApp, until the first query can run) in ${r.open.firstMs.toFixed(0)} ms first, ${r.open.nextMs.toFixed(0)} ms next; ` +
        `a whole CLI call (\`regia search\`, process start to exit) ${r.open.cliFirstMs.toFixed(0)} ms first, ${r.open.cliNextMs.toFixed(0)} ms next ` +
        `("first": no server running for the folder).`,
    );
  }
  for (const r of reports) {
    const l = r.lexical;
    lines.push(
      `${r.engine}: lexical candidate lists (Italian + simple together, ${l.queries} questions, same database and run); ` +
        `"capped" is what search runs (rarest terms over the GIN index), "scan" the OR query it replaced` +
        (Number.isNaN(l.sparseBuildSeconds)
          ? ' (the sparse alternative left out, BENCH_SCALE_SPARSE=0):'
          : `, "sparse" BM25 sparsevec with an HNSW index (built in ${l.sparseBuildSeconds.toFixed(1)} s after ingestion):`),
      '',
      '| method | p50 | p95 | p95 vs scan | evidence among candidates | buffers, slowest question | slowest question |',
      '|---|---|---|---|---|---|---|',
    );
    const scan = l.methods.scan;
    for (const [name, m] of Object.entries(l.methods)) {
      lines.push(`| ${name} | ${ms(m.p50)} | ${ms(m.p95)} | ${(m.p95 / scan.p95).toFixed(2)}× | ${f3(m.recall)} | ${m.slowestBuffers} | ${m.slowestQuestion.replace(/\|/g, '/')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const arg = process.argv[2] as Engine | undefined;
  const engines: Engine[] = arg ? [arg] : ['pglite', ...(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
  const reports: ScaleReport[] = [];
  for (const e of engines) reports.push(await scaleBench(e, (m) => process.stderr.write(`[scale] ${m}\n`)));
  process.stdout.write(`${renderScale(reports)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
