import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EmbedderMismatchError } from '../../core/retrieval/embedder-check.ts';
import { search } from '../../core/retrieval/search.ts';
import { printJson, UserError, withApp } from '../context.ts';

/** Reads a JSONL batch of `{"id", "<field>"}` lines; a bad line is named with its number. */
export function readBatch(file: string, field: string): { id: string; value: string }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const out: { id: string; value: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let obj: any;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new UserError(`${file}:${i + 1}: not a JSON object`);
    }
    if (typeof obj?.[field] !== 'string' || !obj[field].trim()) {
      throw new UserError(`${file}:${i + 1}: expected a "${field}" string`);
    }
    out.push({ id: String(obj.id ?? i + 1), value: obj[field] });
  });
  return out;
}

/** Milliseconds since `started` (a performance.now() reading), to a tenth: batch lines carry it for benchmarks. */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

export function parseK(value: string): number {
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new UserError(`-k expects a whole number from 1 to 100, got "${value}"`);
  return k;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('hybrid search over the ingested documents')
    .argument('[query]', 'what to look for')
    .option('-k <n>', 'number of results', '5')
    .option('--batch <file>', 'JSONL file of {"id","question"} lines')
    .option('--json', 'JSON output, one line per query')
    .action(async (query: string | undefined, opts: { k: string; batch?: string; json?: boolean }) => {
      const k = parseK(opts.k);
      if (!query && !opts.batch) throw new UserError('give a query, or --batch FILE.jsonl');
      const items = opts.batch ? readBatch(opts.batch, 'question') : [{ id: '1', value: query! }];
      await withApp(async (app) => {
        for (const item of items) {
          const started = performance.now();
          const results = await search(app, item.value, { k }).catch((err) => {
            if (err instanceof EmbedderMismatchError) throw new UserError(err.message);
            throw err;
          });
          const latencyMs = elapsedMs(started);
          if (opts.json) {
            printJson({
              id: item.id,
              ...(opts.batch ? { latency_ms: latencyMs } : {}),
              results: results.map((r) => ({ rank: r.rank, score: r.score, source: r.source, title: r.title, section: r.section, text: r.text })),
            });
            continue;
          }
          if (opts.batch) process.stdout.write(`# ${item.id}: ${item.value}\n`);
          if (!results.length) process.stdout.write('No results. / Nessun risultato.\n');
          for (const r of results) {
            const where = [r.title, r.section].filter(Boolean).join(' - ');
            const snippet = r.text.replace(/\s+/g, ' ').slice(0, 240);
            process.stdout.write(`${r.rank}. [${r.score.toFixed(4)}] ${r.source}${where ? ` (${where})` : ''}\n   ${snippet}${r.text.length > 240 ? '…' : ''}\n`);
          }
        }
      });
    });
}
