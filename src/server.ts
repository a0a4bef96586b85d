import type { Server } from 'node:http';
import express, { type Express } from 'express';
import type { AppContext } from './app.ts';
import { mountBoard } from './board/routes.ts';
import type { Channel } from './channels/channel.ts';
import { pruneEvents } from './core/chat/events.ts';

export interface RunningServer {
  http: Server;
  port: number;
  channels: Channel[];
  close(): Promise<void>;
}

/** Background jobs started with the server (e.g. the digest scheduler); each returns its stopper. */
export type Job = (app: AppContext, channels: Channel[]) => Promise<() => Promise<void>>;

/**
 * One HTTP server for everything: Slack's receiver at /slack/events, Teams at /api/messages,
 * the status board at /board, and /healthz. Channels and jobs are passed in, so tests can start exactly what they drive.
 */
export async function startServer(
  app: AppContext,
  channels: Channel[],
  jobs: Job[] = [],
  port = app.config.port,
): Promise<RunningServer> {
  const http: Express = express();
  http.disable('x-powered-by');
  http.get('/healthz', async (_req, res) => {
    try {
      await app.db.query('SELECT 1');
      res.json({ ok: true, engine: app.db.engine, channels: channels.map((c) => c.platform) });
    } catch (err) {
      res.status(503).json({ ok: false, error: (err as Error).message });
    }
  });
  // Duplicate suppression remembers a week of events on every platform; older ones go at start.
  await pruneEvents(app.db).catch((err) => app.log.warn({ err }, 'could not prune old processed events'));
  const board = mountBoard(http, app);
  for (const c of channels) c.mount(http);
  for (const c of channels) await c.start?.();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = http.listen(port, () => resolve(s)).on('error', reject);
  });
  const stoppers: (() => Promise<void>)[] = [];
  for (const job of jobs) stoppers.push(await job(app, channels));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  app.log.info({ port: actualPort, channels: channels.map((c) => c.platform) }, 'regia serve listening');
  return {
    http: server,
    port: actualPort,
    channels,
    async close() {
      for (const stop of stoppers) await stop();
      for (const c of channels) await c.stop?.();
      board.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}
