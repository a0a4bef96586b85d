import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerUpdate(program: Command): void {
  const cmd = program.command('update').description('progress updates: parse, add, list');
  cmd
    .command('parse')
    .description('parse a plain message into an update record (nothing is saved)')
    .argument('[text]', 'the message')
    .option('--batch <file>', 'JSONL file of {"id","text"} lines')
    .option('--json', 'JSON output')
    .action(async () => notYet('update parsing'));
  cmd
    .command('add')
    .description('log a progress update')
    .requiredOption('--project <id>', 'project id or alias')
    .requiredOption('--status <status>', 'not_started | on_track | at_risk | blocked | done')
    .option('--progress <n>', 'progress 0-100')
    .requiredOption('--summary <text>', 'what happened')
    .option('--next-steps <text>', 'what comes next')
    .option('--blockers <text>', 'what is in the way')
    .option('--due <date>', 'due date, YYYY-MM-DD')
    .option('--author <name>', 'author display name')
    .option('--json', 'JSON output')
    .action(async () => notYet('logging updates'));
  cmd
    .command('list')
    .description('list updates by date')
    .option('--project <id>', 'only this project')
    .option('--cantiere <id>', 'only this cantiere')
    .option('--since <date>', 'from this date, YYYY-MM-DD')
    .option('--json', 'JSON output')
    .action(async () => notYet('listing updates'));
}
