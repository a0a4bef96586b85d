import type { Command } from 'commander';
import { reindex } from '../../core/retrieval/reindex.ts';
import { appAction, printJson } from '../context.ts';

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('re-embed every chunk with the configured embedder and rebuild the vector index')
    .option('--json', 'JSON summary')
    .action(
      appAction(async (app, opts: { json?: boolean }) => {
        const tty = process.stderr.isTTY && !opts.json;
        const summary = await reindex(app, {
          onProgress: tty ? (done, total) => process.stderr.write(`\r\x1b[2Kre-embedding ${done}/${total}`) : undefined,
        });
        if (tty) process.stderr.write('\r\x1b[2K');
        if (opts.json) printJson(summary);
        else process.stdout.write(`re-embedded ${summary.chunks} chunks with ${summary.embedder}\n`);
      }),
    );
}
