/**
 * Ingestion throughput: documents, megabytes and chunks per second for a cold ingest of PATHS
 * (default: the shared corpus). `benchIngest` is called by bench/run.ts on each engine; run alone:
 *   node bin/run-ts.js bench/ingest.ts [PATHS...]
 * (a throwaway PGlite directory unless DATABASE_URL or REGIA_DATA_DIR is set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stopEmbeddedServer } from '../db/client.ts';
import { openApp, type AppContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { assignSources, expandPaths } from '../ingest/files.ts';
import { ingestPaths } from '../ingest/pipeline.ts';

export interface IngestBench {
  documents: number;
  megabytes: number;
  chunks: number;
  seconds: number;
  docsPerSec: number;
  mbPerSec: number;
  chunksPerSec: number;
}

export const DEFAULT_BENCH_PATHS = [resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus')];

/**
 * Measures a cold ingest: the documents these paths would produce are removed first, so every file
 * is loaded, cleaned, split, embedded and written. Use a throwaway database.
 */
export async function benchIngest(app: AppContext, paths: string[] = DEFAULT_BENCH_PATHS): Promise<IngestBench> {
  const inputs = assignSources(expandPaths(paths).files);
  await app.db.query(`DELETE FROM documents WHERE source = ANY($1::text[])`, [inputs.map((i) => i.source)]);
  const started = process.hrtime.bigint();
  const summary = await ingestPaths(app, paths);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [{ bytes }] = await app.db.query<{ bytes: number }>(
    `SELECT coalesce(sum(size_bytes), 0)::bigint AS bytes FROM documents WHERE source = ANY($1::text[])`,
    [inputs.map((i) => i.source)],
  );
  const documents = summary.added + summary.replaced;
  const megabytes = bytes / 1024 / 1024;
  const round = (n: number, d = 3) => Number(n.toFixed(d));
  return {
    documents,
    megabytes: round(megabytes, 4),
    chunks: summary.chunks,
    seconds: round(seconds),
    docsPerSec: round(documents / seconds, 2),
    mbPerSec: round(megabytes / seconds, 4),
    chunksPerSec: round(summary.chunks / seconds, 1),
  };
}

async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  const env = { ...process.env };
  let tmp: string | undefined;
  if (!env.DATABASE_URL && !env.REGIA_DATA_DIR) env.REGIA_DATA_DIR = tmp = mkdtempSync(join(tmpdir(), 'regia-bench-'));
  const app = await openApp(loadConfig(env), createLogger('warn'));
  try {
    const result = await benchIngest(app, paths.length ? paths : DEFAULT_BENCH_PATHS);
    console.log(JSON.stringify({ bench: 'ingest', engine: app.db.engine, ...result }));
  } finally {
    await app.close();
    if (tmp) {
      await stopEmbeddedServer(tmp);
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
