import type { Command } from 'commander';
import { openApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { bootstrap } from '../../demo.ts';
import type { Job } from '../../server.ts';

/** Background jobs that run with the service (the one place to add one). */
async function serviceJobs(): Promise<Job[]> {
  const { digestJob } = await import('../../jobs/digest-job.ts');
  return [digestJob];
}

export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the bot service: Slack at /slack/events, Teams at /api/messages, the status board at /board, /healthz, weekly digests (PORT, default 3000)')
    .action(async () => {
      // The platform SDKs load only here, so the other commands start fast.
      const { buildChannels } = await import('../../channels/index.ts');
      const { startServer } = await import('../../server.ts');
      const app = await openApp(loadConfig());
      try {
        await bootstrap(app);
        const channels = await buildChannels(app);
        if (!channels.length) {
          app.log.warn('no chat platform configured (SLACK_BOT_TOKEN / MicrosoftAppId): serving /healthz only');
        }
        const server = await startServer(app, channels, await serviceJobs());
        const signal = await untilSignal();
        app.log.info({ signal }, 'regia serve stopping');
        await server.close();
      } finally {
        await app.close();
      }
    });
}
