/**
 * Runs the slow part of handling a message (retrieval, answer writing, posting) after Slack has
 * been acknowledged, at most `concurrency` at a time, each from a fresh macrotask: a burst of
 * mentions then queues answers instead of piling up work that competes with the
 * acknowledgements of the requests still arriving.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  /** When each running job started, and when each waiting one was queued (for /healthz). */
  private readonly startedAt = new Set<{ at: number }>();
  private readonly queuedAt: number[] = [];

  constructor(private readonly concurrency: number) {}

  /** Schedules `job`; its errors must be handled inside it (they are swallowed here). */
  push(job: () => Promise<void>): void {
    const start = () => {
      this.running += 1;
      const started = { at: Date.now() };
      this.startedAt.add(started);
      setImmediate(() => {
        job()
          .catch(() => {})
          .finally(() => {
            this.running -= 1;
            this.startedAt.delete(started);
            const next = this.waiting.shift();
            if (next) next();
            else if (this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
          });
      });
    };
    if (this.running < this.concurrency) start();
    else {
      this.queuedAt.push(Date.now());
      this.waiting.push(() => {
        this.queuedAt.shift();
        start();
      });
    }
  }

  /** Running and waiting jobs, and how long the oldest of each has been there. */
  stats(now = Date.now()): { running: number; waiting: number; oldestRunningMs: number; oldestWaitingMs: number } {
    const oldest = Math.min(now, ...[...this.startedAt].map((s) => s.at));
    return { running: this.running, waiting: this.waiting.length, oldestRunningMs: now - oldest, oldestWaitingMs: this.queuedAt.length ? now - this.queuedAt[0] : 0 };
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }

  /** Resolves when nothing is running or waiting (for a clean shutdown). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
