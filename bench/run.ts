/**
 * `npm run bench`: in one run, on PGlite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 * PostgreSQL, Regia against two baselines on the shared corpus and qa-dev: hit@1/5/10 and MRR
 * (overall, Italian, English), answer accuracy, abstention, chunk length, search and ask latency,
 * ingestion throughput; then every development set of both programmes on its own with the same
 * baselines, and the reader judged across programmes, and update parsing per set and across
 * programmes against the cue patterns (BENCH_DEV_SETS=off skips this part); plus,
 * with BENCH_SCALE=1, search and ingestion at scale on real Italian text (bench/scale.ts:
 * 100,000 chunks on PostgreSQL, 20,000 on PGlite; it takes a long while).
 * The report goes to stdout and bench/report.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type AppContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { loadProgramme, parseProgrammeFile } from '../src/programme/load.ts';
import { benchIngest, type IngestBench } from './ingest.ts';
import { baselineChunks, percentile, readQa, runBm25, runPgFts, runRegia, score, type Scores, type SystemRun } from './retrieval.ts';
import { renderScale, scaleBench, type ScaleReport } from './scale.ts';
import { throwawayDatabase } from './throwaway-db.ts';
import { benchDevSets, renderDevSets, type DevReport } from './dev-sets.ts';
import { benchDevUpdates, renderDevUpdates, type DevUpdatesReport } from './dev-updates.ts';
import { runSlackLoad, type SlackLoadReport } from './slack-load.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.BENCH_SHARED ?? resolve(ROOT, '..', 'shared');
const CORPUS = join(SHARED, 'corpus');
const QA = join(SHARED, 'eval', 'qa-dev.jsonl');
const SCORER = join(SHARED, 'eval', 'score-qa.mjs');
const PROGRAMME = join(SHARED, 'programme', 'io-ci-credo.yaml');
// The real-text scale run ingests 120,000 chunks in all: opt in.
const SCALE = process.env.BENCH_SCALE === '1';
/** The burst of the Slack load run (issue #15: acknowledgements under 200 concurrent mentions). */
const SLACK_MENTIONS = 200;

interface EngineReport {
  engine: 'pglite' | 'postgres';
  ingest: IngestBench;
  storedChunks: { count: number; meanChars: number; maxChars: number };
  baselineChunks: { count: number; meanChars: number };
  systems: { run: SystemRun; scores: Scores }[];
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function withEngine<T>(engine: 'pglite' | 'postgres', fn: (app: AppContext) => Promise<T>): Promise<T> {
  const db = await throwawayDatabase(engine, tmpdir());
  const env: Record<string, string | undefined> = { ...process.env, ...db.env, REGIA_DEMO: 'off', LOG_LEVEL: 'warn', LLM_MODEL: process.env.BENCH_LLM_MODEL ?? '' };
  const app = await openApp(loadConfig(env, { dotenv: false }), createLogger('warn'));
  try {
    return await fn(app);
  } finally {
    await app.close();
    await db.destroy();
  }
}

async function benchEngine(engine: 'pglite' | 'postgres', workDir: string): Promise<EngineReport> {
  return withEngine(engine, async (app) => {
    log(`${engine}: loading the programme and ingesting ${CORPUS}`);
    await loadProgramme(app.db, parseProgrammeFile(PROGRAMME));
    const ingest = await benchIngest(app, [CORPUS]);
    const [stored] = await app.db.query(`SELECT count(*)::int AS count, round(avg(length(text)))::int AS mean, max(length(text))::int AS max FROM chunks`);
    const qa = readQa(QA);
    const chunks = await baselineChunks(CORPUS);
    log(`${engine}: Regia search + ask on ${qa.length} questions`);
    // One warm-up query so latency figures measure answering, not first-call compilation.
    await runRegia(app, qa.slice(0, 1));
    const regia = await runRegia(app, qa);
    log(`${engine}: baselines`);
    const bm25 = await runBm25(chunks, qa);
    const fts = await runPgFts(app, chunks, qa);
    const systems = [regia, bm25, fts].map((run) => ({ run, scores: score(run, QA, SCORER, workDir) }));
    return {
      engine,
      ingest,
      storedChunks: { count: stored.count, meanChars: stored.mean, maxChars: stored.max },
      baselineChunks: { count: chunks.length, meanChars: Math.round(chunks.reduce((a, c) => a + c.text.length, 0) / chunks.length) },
      systems,
    };
  });
}

const f3 = (n: number) => n.toFixed(3);
const ms = (n: number) => `${n.toFixed(1)} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function render(reports: EngineReport[], scale: ScaleReport[], dev: DevReport | null, updates: DevUpdatesReport | null, slackRuns: SlackLoadReport[], started: Date, seconds: number): string {
  const lines: string[] = [];
  lines.push(`# Regia benchmark`, '', `Run ${started.toISOString()} (${seconds.toFixed(0)} s). Corpus: ${CORPUS}; questions: ${QA}; judged by score-qa.mjs.`);
  lines.push('Baselines answer with their top chunk and never abstain (they are retrieval-only).', '');
  for (const r of reports) {
    lines.push(`## ${r.engine}`, '');
    lines.push(`Ingestion: ${r.ingest.documents} documents, ${r.ingest.megabytes} MB, ${r.ingest.chunks} chunks in ${r.ingest.seconds} s (${r.ingest.docsPerSec} docs/s, ${r.ingest.chunksPerSec} chunks/s, ${r.ingest.mbPerSec} MB/s).`);
    lines.push(`Chunks: Regia ${r.storedChunks.count} (mean ${r.storedChunks.meanChars} chars, max ${r.storedChunks.maxChars}); baselines ${r.baselineChunks.count} (mean ${r.baselineChunks.meanChars} chars).`, '');
    lines.push('| system | hit@1 | hit@5 | hit@10 | MRR | hit@5 it | hit@5 en | MRR it | MRR en | answers correct | false abstain | abstain on unanswerable | mean answer chars | mean result chars | search p50 | search p95 | ask p50 | ask p95 |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const { run, scores: s } of r.systems) {
      lines.push(
        `| ${run.name} | ${f3(s.hit1)} | ${f3(s.hit5)} | ${f3(s.hit10)} | ${f3(s.mrr)} | ${f3(s.hit5It)} | ${f3(s.hit5En)} | ${f3(s.mrrIt)} | ${f3(s.mrrEn)} | ${f3(s.correct)} | ${f3(s.falseAbstain)} | ${f3(s.abstainRate)} | ${s.meanAnswerChars} | ${s.avgChunkChars} | ${ms(percentile(run.searchMs, 50))} | ${ms(percentile(run.searchMs, 95))} | ${ms(percentile(run.askMs, 50))} | ${ms(percentile(run.askMs, 95))} |`,
      );
    }
    const [regia, ...baselines] = r.systems;
    lines.push('', 'Regia vs baselines (ratio of Regia to baseline):', '');
    lines.push('| baseline | hit@1 | hit@5 | hit@5 en | MRR | answers correct |', '|---|---|---|---|---|---|');
    for (const b of baselines) {
      lines.push(`| ${b.run.name} | ${ratio(regia.scores.hit1, b.scores.hit1)} | ${ratio(regia.scores.hit5, b.scores.hit5)} | ${ratio(regia.scores.hit5En, b.scores.hit5En)} | ${ratio(regia.scores.mrr, b.scores.mrr)} | ${ratio(regia.scores.correct, b.scores.correct)} |`);
    }
    lines.push('');
  }
  if (dev) lines.push(...renderDevSets(dev));
  if (updates) lines.push(...renderDevUpdates(updates));
  lines.push(scale.length ? renderScale(scale) : 'Scale on real text not measured in this run (set BENCH_SCALE=1; it takes a long while).', '');
  for (const slack of slackRuns) {
    lines.push(`## Slack load (regia serve on ${slack.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}, Slack simulator)`, '');
    lines.push(`${slack.mentions} concurrent signed mentions: acknowledged ${slack.acknowledged} (${slack.ackedWithin3s} within 3 s), ack p50 ${slack.ackMs.p50} ms, p95 ${slack.ackMs.p95} ms, max ${slack.ackMs.max} ms; answered in thread ${slack.answered}, p50 ${slack.answerMs.p50} ms, p95 ${slack.answerMs.p95} ms, max ${slack.answerMs.max} ms; wall ${slack.wallMs} ms: ${slack.ok ? 'OK' : 'FAILED'}.`, '');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const t0 = Date.now();
  const workDir = join(ROOT, 'bench', 'out');
  mkdirSync(workDir, { recursive: true });
  const engines: ('pglite' | 'postgres')[] = ['pglite'];
  if (process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL) engines.push('postgres');
  else log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it');
  if (!SCALE) log('scale on real text skipped: set BENCH_SCALE=1 to include it (a long while)');
  const reports: EngineReport[] = [];
  for (const e of engines) reports.push(await benchEngine(e, workDir));
  const scale: ScaleReport[] = [];
  if (SCALE) for (const e of engines) scale.push(await scaleBench(e, log));
  const dev = process.env.BENCH_DEV_SETS === 'off' ? null : await benchDevSets(SHARED, SCORER, workDir, log);
  const updates = process.env.BENCH_DEV_SETS === 'off' ? null : benchDevUpdates(SHARED);
  const slackRuns: SlackLoadReport[] = [];
  if (process.env.BENCH_SLACK !== 'off') {
    for (const engine of engines) {
      log(`slack: ${SLACK_MENTIONS} concurrent signed mentions against regia serve on ${engine}`);
      slackRuns.push(await runSlackLoad({ mentions: SLACK_MENTIONS, engine }));
    }
  }
  const report = render(reports, scale, dev, updates, slackRuns, started, (Date.now() - t0) / 1000);
  process.stdout.write(`${report}\n`);
  writeFileSync(join(ROOT, 'bench', 'report.md'), `${report}\n`);
  log('report written to bench/report.md');
}

await main();
