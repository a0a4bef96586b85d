import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('answer a question from the documents and the logged updates, with citations')
    .argument('[question]', 'the question, in Italian or English')
    .option('--batch <file>', 'JSONL file of {"id","question"} lines')
    .option('--json', 'JSON output, one line per question')
    .action(async () => notYet('answering'));
}
