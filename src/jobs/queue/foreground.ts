/**
 * Requests this process is receiving right now (Slack events, Teams activities...). An
 * acknowledgement must not wait for answer work on the same event loop and, on the embedded
 * database, the same single connection (PGlite runs each statement on the main thread): while
 * requests are in flight, the queue's worker starts no new job (worker.ts), for a bounded time so
 * that a steady stream of requests cannot starve the work.
 */
let inFlight = 0;

export const foreground = {
  enter(): void {
    inFlight += 1;
  },
  leave(): void {
    inFlight = Math.max(0, inFlight - 1);
  },
  busy(): boolean {
    return inFlight > 0;
  },
};

