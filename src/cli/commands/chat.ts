import type { Command } from 'commander';
import { notYet } from '../context.ts';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('console chat: ask questions and log updates on the terminal (reads stdin, so it can be piped)')
    .action(async () => notYet('the console chat'));
}
