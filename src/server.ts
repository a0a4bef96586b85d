import type { Server } from 'node:http';
import express, { type Express } from 'express';
import type { AppContext } from './app.ts';
import { mountBoard } from './board/routes.ts';
import type { Channel } from './channels/channel.ts';
import { pruneEvents } from './core/chat/events.ts';
import { foreground } from './jobs/queue/foreground.ts';
import { pruneJobs, queueStats } from './jobs/queue/store.ts';
import { DEFAULT_LEASE_MS, startQueueWorker, type QueueWorker } from './jobs/queue/worker.ts';

export interface RunningServer {
  http: Server;
  port: number;
  channels: Channel[];
  close(): Promise<void>;
}

/** How long a job may run or wait before /healthz calls the service unhealthy. */
const STUCK_MS = 90_000;

/** Background jobs started with the server (e.g. the digest scheduler); each returns its stopper. */
export type Job = (app: AppContext, channels: Channel[]) => Promise<() => Promise<void>>;

/**
 * What one process does: `web` receives and acknowledges (and queues the work), `worker` does the
 * queued work and the scheduled jobs, `all` both (the default, and the only choice on the embedded
 * database, which belongs to one process).
 */
export type ServeRole = 'web' | 'worker' | 'all';

/**
 * One HTTP server for everything: Slack's receiver at /slack/events, Teams at /api/messages,
 * the status board at /board, and /healthz. Channels and jobs are passed in, so tests can start exactly what they drive.
 */
export async function startServer(
  app: AppContext,
  channels: Channel[],
  jobs: Job[] = [],
  port = app.config.port,
  role: ServeRole = 'all',
): Promise<RunningServer> {
  const http: Express = express();
  http.disable('x-powered-by');
  let worker: QueueWorker | null = null;
  // Requests in flight hold back new queued work in this process (see foreground.ts).
  http.use((req, res, next) => {
    if (req.method !== 'POST') return next();
    foreground.enter();
    res.once('close', () => foreground.leave());
    next();
  });
  http.get('/healthz', async (_req, res) => {
    try {
      // The queue is shared by every replica: a job running far longer than any answer takes is
      // stuck; a job waiting that long means the queue grows faster than the workers drain it.
      const w = await queueStats(app.db);
      const work = { ...w, heldHere: worker?.held() ?? 0, role };
      const problems = [
        ...(w.oldestRunningMs > STUCK_MS ? [`a job has been running for ${Math.round(w.oldestRunningMs / 1000)} s (stuck worker)`] : []),
        ...(w.oldestWaitingMs > STUCK_MS ? [`${w.waiting} jobs waiting, the oldest for ${Math.round(w.oldestWaitingMs / 1000)} s (growing queue)`] : []),
      ];
      res.status(problems.length ? 503 : 200).json({ ok: !problems.length, engine: app.db.engine, channels: channels.map((c) => c.platform), work, ...(problems.length ? { problems } : {}) });
    } catch (err) {
      res.status(503).json({ ok: false, error: (err as Error).message });
    }
  });
  // Duplicate suppression remembers a week of events on every platform, finished jobs as long.
  await pruneEvents(app.db).catch((err) => app.log.warn({ err }, 'could not prune old processed events'));
  await pruneJobs(app.db).catch((err) => app.log.warn({ err }, 'could not prune finished jobs'));
  const receives = role !== 'worker';
  const works = role !== 'web';
  const board = receives ? mountBoard(http, app) : { close() {} };
  if (receives) for (const c of channels) c.mount(http);
  for (const c of channels) await c.start?.();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = http.listen(port, () => resolve(s)).on('error', reject);
  });
  // Idle connections outlive the client's and any proxy's keep-alive (Node's 5 s default lets a
  // reused connection be closed under a request on a busy event loop: ECONNRESET at the sender).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const stoppers: (() => Promise<void>)[] = [];
  const handlers = Object.assign({}, ...channels.map((c) => c.jobs ?? {}));
  if (works && Object.keys(handlers).length) {
    worker = await startQueueWorker(app, handlers, { concurrency: app.config.jobs.concurrency, leaseMs: app.config.jobs.leaseMs ?? DEFAULT_LEASE_MS });
    stoppers.push(() => worker!.stop());
  }
  if (works) for (const job of jobs) stoppers.push(await job(app, channels));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  app.log.info({ port: actualPort, role, channels: channels.map((c) => c.platform) }, 'regia serve listening');
  return {
    http: server,
    port: actualPort,
    channels,
    async close() {
      // Stop taking requests first, then let the work in progress finish (queued work stays queued).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stop of stoppers) await stop();
      for (const c of channels) await c.stop?.();
      board.close();
      server.closeAllConnections?.();
      await closed;
    },
  };
}
