import type { Response } from 'express';
import type { Queryable } from '../../db/client.ts';
import type { Logger } from '../log.ts';
import { boardMarker } from './data.ts';

const HEARTBEAT_MS = 20_000;

/**
 * Live refresh over server-sent events. One poller per server reads the board's change marker
 * (a single cheap query) while someone is watching, and tells every open page when it moves;
 * pages then fetch their fresh HTML. Polling works the same on PGlite and PostgreSQL and sees
 * writes from any process (the CLI, another replica).
 */
export class BoardLive {
  private readonly clients = new Map<Response, NodeJS.Timeout | undefined>();
  private marker: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastBeat = Date.now();
  private polling = false;

  constructor(
    private readonly db: Queryable,
    private readonly log: Logger,
    private readonly pollMs: number,
  ) {}

  /** Opens an event stream; `since` is the marker the page was rendered with. Ends at `until`. */
  async subscribe(res: Response, since: string | undefined, until: Date): Promise<void> {
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 5000\n\n');
    const current = await boardMarker(this.db);
    if (res.destroyed) return;
    this.marker ??= current;
    if (since && since !== current) this.send(res, current);
    const expiry = setTimeout(() => res.end(), Math.max(0, Math.min(until.getTime() - Date.now(), 2 ** 31 - 1)));
    this.clients.set(res, expiry);
    res.on('close', () => this.drop(res));
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
  }

  private send(res: Response, marker: string): void {
    res.write(`id: ${marker}\nevent: change\ndata: ${marker}\n\n`);
  }

  private drop(res: Response): void {
    clearTimeout(this.clients.get(res));
    this.clients.delete(res);
    if (!this.clients.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      this.marker = null;
    }
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const next = await boardMarker(this.db);
      if (next !== this.marker) {
        this.marker = next;
        for (const res of this.clients.keys()) this.send(res, next);
      } else if (Date.now() - this.lastBeat > HEARTBEAT_MS) {
        // A comment line keeps proxies from closing an idle stream.
        for (const res of this.clients.keys()) res.write(': keep-alive\n\n');
        this.lastBeat = Date.now();
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'board live refresh: could not read the change marker');
    } finally {
      this.polling = false;
    }
  }

  /** Ends every open stream (before the HTTP server closes, which would otherwise wait for them). */
  close(): void {
    for (const res of [...this.clients.keys()]) {
      this.drop(res);
      res.end();
    }
  }
}
