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

  constructor(private readonly concurrency: number) {}

  /** Schedules `job`; its errors must be handled inside it (they are swallowed here). */
  push(job: () => Promise<void>): void {
    const start = () => {
      this.running += 1;
      setImmediate(() => {
        job()
          .catch(() => {})
          .finally(() => {
            this.running -= 1;
            const next = this.waiting.shift();
            if (next) next();
            else if (this.running === 0) this.idleWaiters.splice(0).forEach((w) => w());
          });
      });
    };
    if (this.running < this.concurrency) start();
    else this.waiting.push(start);
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
