import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('re-embed every chunk with the configured embedder and rebuild the vector index')
    .action(async () => notYet('re-indexing'));
}
