import type { Command } from 'commander';
import { ask } from '../../core/answer/ask.ts';
import { formatAnswer } from '../../channels/console/format.ts';
import { EmbedderMismatchError } from '../../core/retrieval/embedder-check.ts';
import { printJson, UserError, withApp } from '../context.ts';
import { elapsedMs, readBatch } from './search.ts';


/** A mismatch of embedders is the user's to fix (`regia reindex`): one clear line, no stack. */
export function asUserError(err: unknown): never {
  if (err instanceof EmbedderMismatchError) throw new UserError(err.message);
  throw err;
}

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('answer a question from the documents and the logged updates, with citations')
    .argument('[question]', 'the question, in Italian or English')
    .option('--batch <file>', 'JSONL file of {"id","question"} lines')
    .option('--json', 'JSON output, one line per question')
    .action(async (question: string | undefined, opts: { batch?: string; json?: boolean }) => {
      if (!question && !opts.batch) throw new UserError('give a question, or --batch FILE.jsonl');
      const items = opts.batch ? readBatch(opts.batch, 'question') : [{ id: '1', value: question! }];
      await withApp(async (app) => {
        for (const item of items) {
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
        }
      });
    });
}
