import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the bot service: Slack at /slack/events, Teams at /api/messages, /healthz, weekly digests (PORT, default 3000)')
    .action(async () => notYet('the bot service'));
}
