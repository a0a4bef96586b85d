import type { Command } from 'commander';
import { runConsoleChat } from '../../channels/console/chat.ts';
import { withApp } from '../context.ts';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('console chat: ask questions and log updates on the terminal (reads stdin, so it can be piped)')
    .action(async () => {
      await withApp((app) => runConsoleChat(app, process.stdin, process.stdout), { quietLogs: true });
    });
}
