import type { Command } from 'commander';
import { search } from '../../core/retrieval/search.ts';
import { batchItems, runBatch, takesBatch } from '../batch.ts';
import { EmbedderMismatchError } from '../../core/retrieval/embedder-check.ts';
import { printJson, UserError, userErrorsOf, withApp } from '../context.ts';

/** A mismatch of embedders is the user's to fix (`regia reindex`): one clear line, no stack. */
export const asUserError = userErrorsOf(EmbedderMismatchError);

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
  const cmd = program.command('search').description('hybrid search over the ingested documents').option('-k <n>', 'number of results', '5');
  takesBatch(cmd, { name: 'query', description: 'what to look for', field: 'question', json: 'JSON output, one line per query' })
    .action(async (query: string | undefined, opts: { k: string; batch?: string; json?: boolean }) => {
      const k = parseK(opts.k);
      const items = batchItems(query, opts.batch, 'question', 'a query');
      await withApp(async (app) => {
        await runBatch(items, !!opts.json, async (item) => {
          const started = performance.now();
          const results = await search(app, item.value, { k }).catch(asUserError);
          const latencyMs = elapsedMs(started);
          if (opts.json) {
            printJson({
              id: item.id,
              ...(opts.batch ? { latency_ms: latencyMs } : {}),
              results: results.map((r) => ({ rank: r.rank, score: r.score, source: r.source, title: r.title, section: r.section, text: r.text })),
            });
            return;
          }
          if (opts.batch) process.stdout.write(`# ${item.id}: ${item.value}\n`);
          if (!results.length) process.stdout.write('No results. / Nessun risultato.\n');
          for (const r of results) {
            const where = [r.title, r.section].filter(Boolean).join(' - ');
            const snippet = r.text.replace(/\s+/g, ' ').slice(0, 240);
            process.stdout.write(`${r.rank}. [${r.score.toFixed(4)}] ${r.source}${where ? ` (${where})` : ''}\n   ${snippet}${r.text.length > 240 ? '…' : ''}\n`);
          }
        });
      });
    });
}
