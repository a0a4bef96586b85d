import type { Command } from 'commander';
import { ask } from '../../core/answer/ask.ts';
import { formatAnswer } from '../../channels/console/format.ts';
import { printJson, withApp } from '../context.ts';
import { batchItems, runBatch, takesBatch } from '../batch.ts';
import { asUserError, elapsedMs } from './search.ts';


export function registerAsk(program: Command): void {
  const cmd = program.command('ask').description('answer a question from the documents and the logged updates, with citations');
  takesBatch(cmd, { name: 'question', description: 'the question, in Italian or English', field: 'question', json: 'JSON output, one line per question' })
    .action(async (question: string | undefined, opts: { batch?: string; json?: boolean }) => {
      const items = batchItems(question, opts.batch, 'question', 'a question');
      await withApp(async (app) => {
        await runBatch(items, !!opts.json, async (item) => {
          const started = performance.now();
          const a = await ask(app, { question: item.value }).catch(asUserError);
          const latencyMs = elapsedMs(started);
          if (opts.json) {
            printJson({
              id: item.id,
              ...(opts.batch ? { latency_ms: latencyMs } : {}),
              answer: a.answer,
              abstained: a.abstained,
              intent: a.intent,
              citations: a.citations.map((c) => ({ n: c.n, source: c.source, section: c.section, quote: c.quote })),
            });
          } else {
            if (opts.batch) process.stdout.write(`# ${item.id}: ${item.value}\n`);
            process.stdout.write(`${formatAnswer(a)}\n\n`);
          }
        });
      });
    });
}
