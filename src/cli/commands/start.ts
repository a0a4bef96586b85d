import type { Command } from 'commander';
import { bootstrap } from '../../demo.ts';
import { runConsoleChat } from '../../channels/console/chat.ts';
import { withApp } from '../context.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('first-run friendly start (npm start): load the demo programme and corpus if the database is empty, then chat on the console')
    .action(async () => {
      await withApp(async (app) => {
        await bootstrap(app);
        await runConsoleChat(app, process.stdin, process.stdout);
      }, { quietLogs: true });
    });
}
