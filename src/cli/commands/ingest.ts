import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest documents (PDF, DOCX, Markdown, HTML, text) and project sheets (YAML, CSV): files or folders')
    .argument('<paths...>', 'files or folders')
    .option('--programme <file>', 'load this programme file first (names and aliases used to tag documents)')
    .option('--json', 'print the summary as one JSON line')
    .action(async () => notYet('ingestion'));
}
