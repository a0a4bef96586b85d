import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../../../db/client.ts';

/**
 * Requests this process is receiving right now (Slack events, Teams activities...). An
 * acknowledgement must not wait for answer work on the same event loop and, on the embedded
 * database, the same single connection (PGlite runs each statement on the main thread). While
 * requests are in flight, the queue's worker starts no new job (worker.ts) and, on the embedded
 * database, a running job's statements wait (yieldToRequests below); both for a bounded time, so
 * that a steady stream of requests cannot starve the work.
 */
let inFlight = 0;
let quietWaiters: (() => void)[] = [];
const background = new AsyncLocalStorage<true>();

export const foreground = {
  enter(): void {
    inFlight += 1;
  },
  leave(): void {
    inFlight = Math.max(0, inFlight - 1);
    if (inFlight === 0) {
      const waiters = quietWaiters;
      quietWaiters = [];
      for (const w of waiters) w();
    }
  },
  busy(): boolean {
    return inFlight > 0;
  },
  /** Resolves when no request is in flight, or after `maxMs`. */
  quiet(maxMs: number): Promise<void> {
    if (inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      quietWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  },
};

/** Runs queued work: its statements give way to requests (see yieldToRequests). */
export function runInBackground<T>(fn: () => Promise<T>): Promise<T> {
  return background.run(true, fn);
}

/** How long one statement of queued work may wait for the requests in flight. */
const MAX_STATEMENT_WAIT_MS = 1000;

/**
 * The embedded database with queued work's statements held back while requests are in flight,
 * so acknowledgements never queue behind answer work on PGlite's one connection. Statements of
 * requests, and everything outside queued work, go through at once.
 */
export function yieldToRequests(db: Db): Db {
  const gate = () => (background.getStore() && inFlight > 0 ? foreground.quiet(MAX_STATEMENT_WAIT_MS) : undefined);
  return {
    engine: db.engine,
    location: db.location,
    async query(sql, params) {
      await gate();
      return db.query(sql, params);
    },
    async exec(sql) {
      await gate();
      return db.exec(sql);
    },
    async transaction(fn) {
      await gate();
      return db.transaction(fn);
    },
    close: () => db.close(),
  };
}
