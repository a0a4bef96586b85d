import type { AppContext } from '../../app.ts';
import { INSTANCE_ID } from '../../core/digest/deliver.ts';
import { foreground } from './foreground.ts';
import { deadLocalOwners } from './owners.ts';
import { claimJob, jobSteps, queueSignal, recordJobStep, releaseJobsOf, releaseOrphanedJobs, renewLeases, runningOwners, settleJob, type ClaimedJob } from './store.ts';

/** What a handler gets: the job, and a way to do each of its steps at most once across attempts. */
export interface JobContext<P = any> {
  id: number;
  kind: string;
  payload: P;
  /** 1 on the first run; more when taken again after a failure or a dead worker. */
  attempt: number;
  /**
   * Runs `fn` unless this job already recorded `step` (in an earlier attempt), and records its
   * result; the recorded result is returned either way. Results must be JSON.
   */
  once<T>(step: string, fn: () => Promise<T>): Promise<T>;
  /** Whether `step` was recorded by an earlier attempt. */
  recorded(step: string): boolean;
}

/** The work of one job kind, provided by whoever queues it (a channel). */
export interface JobHandler {
  run(job: JobContext): Promise<void>;
  /** The last attempt failed too: tell the person (logged with a reference); must not throw. */
  giveUp?(job: JobContext, err: unknown): Promise<void>;
}

export interface WorkerOptions {
  /** Jobs worked on at once by this process. */
  concurrency?: number;
  /** How long a hold on a job lasts without renewal; renewed every third of it. */
  leaseMs?: number;
  /** How often to look for jobs queued by other processes or released by dead workers. */
  pollMs?: number;
  /** Runs of one job before it is given up (each failure waits retryBaseMs, doubling). */
  maxAttempts?: number;
  retryBaseMs?: number;
  owner?: string;
}

export interface QueueWorker {
  /** Jobs this process holds now. */
  held(): number;
  /** Stops taking jobs and waits for the ones in progress. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 8_000;

/** How long the worker may hold back new jobs while requests are being received (foreground.ts). */
const MAX_DEFER_MS = 2000;

/**
 * Runs queued jobs in this process, `concurrency` at a time, beside any number of other workers
 * on the same database: each job is claimed with SKIP LOCKED under a lease renewed while it runs,
 * so a worker that dies gives its jobs back when the lease runs out. A failing job is retried with
 * backoff; after the last attempt its handler tells the person.
 */
export async function startQueueWorker(app: AppContext, handlers: Record<string, JobHandler>, opts: WorkerOptions = {}): Promise<QueueWorker> {
  const concurrency = opts.concurrency ?? 4;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = opts.maxAttempts ?? 3;
  const retryBaseMs = opts.retryBaseMs ?? 2000;
  const owner = opts.owner ?? INSTANCE_ID;
  const kinds = Object.keys(handlers);
  const log = app.log.child({ component: 'queue' });
  const held = new Map<number, Promise<void>>();
  let stopped = false;
  let filling: Promise<void> | null = null;
  let again = false;
  let deferredSince = 0;
  let deferTimer: NodeJS.Timeout | null = null;
  /** True when requests are arriving and new jobs should wait (a little) for their acknowledgements. */
  const deferToRequests = () => {
    if (!foreground.busy()) {
      deferredSince = 0;
      return false;
    }
    deferredSince ||= Date.now();
    if (Date.now() - deferredSince > MAX_DEFER_MS) {
      deferredSince = Date.now(); // one job goes, then the next wait begins
      return false;
    }
    deferTimer ??= setTimeout(() => {
      deferTimer = null;
      void fill();
    }, 50);
    return true;
  };

  // Jobs left running by a process that died are taken again now instead of when their lease runs
  // out: on the embedded database every one (one process owns it); on PostgreSQL those of dead
  // processes of this host (a restarted replica), never another live replica's.
  const orphans = app.db.engine === 'pglite' ? await releaseOrphanedJobs(app.db) : await releaseJobsOf(app.db, deadLocalOwners(await runningOwners(app.db), owner));
  if (orphans) log.info({ jobs: orphans }, 'queue: jobs left running by a stopped process are taken again');

  const run = async (job: ClaimedJob) => {
    const handler = handlers[job.kind]!;
    const steps = job.attempts > 1 ? await jobSteps(app.db, job.id) : new Map<string, unknown>();
    const ctx: JobContext = {
      id: job.id,
      kind: job.kind,
      payload: job.payload,
      attempt: job.attempts,
      recorded: (step) => steps.has(step),
      async once<T>(step: string, fn: () => Promise<T>): Promise<T> {
        if (steps.has(step)) return steps.get(step) as T;
        const result = await fn();
        await recordJobStep(app.db, job.id, step, result);
        steps.set(step, result ?? null);
        return result;
      },
    };
    try {
      // A job taken more often than it may run (a worker died with it each time) is not run again.
      if (job.attempts > maxAttempts) throw new Error(`job ${job.id} was taken ${job.attempts} times without finishing`);
      await handler.run(ctx);
      await settleJob(app.db, job.id, owner, { state: 'done' });
    } catch (err) {
      const error = (err as Error)?.message ?? String(err);
      if (job.attempts < maxAttempts) {
        const retryInMs = Math.min(retryBaseMs * 2 ** (job.attempts - 1), 60_000);
        log.warn({ err, job: job.id, kind: job.kind, attempt: job.attempts, retryInMs }, 'queue: job failed; it will be retried');
        await settleJob(app.db, job.id, owner, { state: 'queued', error, retryInMs });
      } else {
        await handler.giveUp?.(ctx, err).catch((e: unknown) => log.error({ err: e, job: job.id }, 'queue: could not report a failed job'));
        await settleJob(app.db, job.id, owner, { state: 'failed', error });
      }
    }
  };

  const fill = (): Promise<void> => {
    if (filling) {
      again = true;
      return filling;
    }
    filling = (async () => {
      do {
        again = false;
        while (!stopped && held.size < concurrency && !deferToRequests()) {
          const job = await claimJob(app.db, owner, kinds, leaseMs);
          if (!job) break;
          const work = run(job)
            .catch((err: unknown) => log.error({ err, job: job.id }, 'queue: job bookkeeping failed'))
            .finally(() => {
              held.delete(job.id);
              void fill();
            });
          held.set(job.id, work);
        }
      } while (again && !stopped);
    })()
      .catch((err: unknown) => log.error({ err }, 'queue: could not take jobs'))
      .finally(() => {
        filling = null;
      });
    return filling;
  };

  const onQueued = () => void fill();
  queueSignal.on('queued', onQueued);
  const poll = setInterval(() => void fill(), opts.pollMs ?? 1000);
  const heartbeat = setInterval(() => {
    renewLeases(app.db, owner, [...held.keys()], leaseMs).catch((err: unknown) => log.warn({ err }, 'queue: could not renew leases'));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  poll.unref?.();
  heartbeat.unref?.();
  void fill();

  return {
    held: () => held.size,
    async stop() {
      stopped = true;
      queueSignal.off('queued', onQueued);
      clearInterval(poll);
      if (deferTimer) clearTimeout(deferTimer);
      await filling;
      await Promise.all(held.values());
      clearInterval(heartbeat);
    },
  };
}
