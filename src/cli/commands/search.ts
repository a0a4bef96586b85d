import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('hybrid search over the ingested documents')
    .argument('[query]', 'what to look for')
    .option('-k <n>', 'number of results', '5')
    .option('--batch <file>', 'JSONL file of {"id","question"} lines')
    .option('--json', 'JSON output, one line per query')
    .action(async () => notYet('search'));
}
