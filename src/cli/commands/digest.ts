import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('the weekly digest of each cantiere: preview it or post it (exactly once per week)')
    .option('--cantiere <id>', 'only this cantiere')
    .option('--week <week>', 'ISO week, e.g. 2026-W48 (default: this week)')
    .option('--dry-run', 'print it, post nothing')
    .option('--post', 'post it now to the cantiere channels')
    .option('--force', 'with --post: post again even if already posted this week')
    .option('--json', 'with --dry-run: JSON output')
    .action(async () => notYet('digests'));
}
