import { createServer } from 'node:net';
import type { Command } from 'commander';
import { openApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { bootstrap } from '../../demo.ts';
import type { Job, ServeRole } from '../../server.ts';
import { reportError, UserError } from '../context.ts';

/** How long a stopping server may take to finish acknowledged work before it exits anyway. */
const DRAIN_MS = 8000;

/** Why the service could not listen on `port`, as the person should read it. */
function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err?.code === 'EADDRINUSE') return new UserError(`port ${port} is already in use (EADDRINUSE): stop the program holding it or set PORT to a free port`);
  if (err?.code === 'EACCES') return new UserError(`not allowed to listen on port ${port} (EACCES): choose a port above 1024 with PORT`);
  return err;
}

/**
 * Fails at once when the port is taken, before the database and the SDKs start (which takes
 * seconds): the real listen later still reports a port taken in between.
 */
async function checkPortFree(port: number): Promise<void> {
  if (!port) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(listenError(err, port)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

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

const ROLES: ServeRole[] = ['web', 'worker', 'all'];

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the bot service: Slack at /slack/events, Teams at /api/messages, the status board at /board, /healthz, weekly digests (PORT, default 3000)')
    .option('--role <role>', 'web: receive and acknowledge, queue the work; worker: do the queued work and the digests; all: both', 'all')
    .action(async (opts: { role: string }) => {
      const role = opts.role as ServeRole;
      if (!ROLES.includes(role)) process.exit(reportError(new UserError(`--role: expected one of ${ROLES.join(', ')}, got "${opts.role}"`)));
      const config = loadConfig();
      // Before anything slow (the SDKs take seconds to load): a taken port fails at once.
      try {
        await checkPortFree(config.port);
      } catch (err) {
        process.exit(reportError(err));
      }
      // The platform SDKs load only here, so the other commands start fast.
      const { buildChannels } = await import('../../channels/index.ts');
      const { startServer } = await import('../../server.ts');
      if (role !== 'all' && !config.databaseUrl) {
        process.exit(reportError(new UserError(`--role ${role} needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process, which must do both roles (--role all)`)));
      }
      const app = await openApp(config);
      // The service ends here whatever handles SDKs leave open (sockets, timers): exit explicitly.
      let code = 0;
      try {
        await bootstrap(app);
        const channels = await buildChannels(app);
        if (!channels.length) {
          app.log.warn('no chat platform configured (SLACK_BOT_TOKEN / MicrosoftAppId): serving /healthz only');
        }
        const server = await startServer(app, channels, await serviceJobs(), config.port, role).catch((err: NodeJS.ErrnoException) => {
          throw listenError(err, config.port);
        });
        const signal = await untilSignal();
        app.log.info({ signal }, 'regia serve stopping');
        const drained = await Promise.race([server.close().then(() => true), new Promise<false>((r) => setTimeout(r, DRAIN_MS, false).unref())]);
        if (!drained) app.log.warn({ waitedMs: DRAIN_MS }, 'regia serve: work still in progress when stopping; exiting anyway');
      } catch (err) {
        code = reportError(err);
      } finally {
        await Promise.race([app.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
      }
      process.exit(code);
    });
}
