import { EventEmitter } from 'node:events';
import type { Queryable } from '../../../db/client.ts';

/**
 * The durable work queue in SQL (table `jobs`, migration 006), one dialect for PGlite and
 * PostgreSQL. Platform-neutral: a job is a kind (whose handler a channel provides) and a JSON
 * payload. See worker.ts for how jobs are taken and run.
 */

export interface NewJob {
  kind: string;
  payload: unknown;
  /** Jobs of one group (e.g. one conversation) run one at a time, in the order they were queued. */
  group?: string;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: any;
  /** 1 on the first run; more when the job is taken again (a retry, or its worker died). */
  attempts: number;
  createdAt: Date;
}

/** Tells this process's worker that jobs were queued, so it need not wait for its next poll. */
export const queueSignal = new EventEmitter();

/**
 * Claims `event` (processed_events) and queues `jobs` in one statement: either both are stored or
 * neither. Null when the event was claimed before (a redelivery: its jobs are queued already).
 *
 * Events arriving together are written together (group commit): one statement for every event
 * waiting when the previous statement finished, so a burst of acknowledgements costs a few
 * statements instead of one each (on the embedded database every statement runs on the main thread).
 */
export function enqueueForEvent(db: Queryable, event: { platform: string; key: string }, jobs: NewJob[]): Promise<number[] | null> {
  const b = batches.get(db) ?? { waiting: [], flushing: false };
  batches.set(db, b);
  return new Promise((resolve, reject) => {
    b.waiting.push({ ...event, jobs, resolve, reject });
    if (!b.flushing) {
      b.flushing = true;
      setImmediate(() => void flush(db, b));
    }
  });
}

interface PendingEvent {
  platform: string;
  key: string;
  jobs: NewJob[];
  resolve(ids: number[] | null): void;
  reject(err: unknown): void;
}
const batches = new WeakMap<Queryable, { waiting: PendingEvent[]; flushing: boolean }>();
const MAX_BATCH = 100;

async function flush(db: Queryable, b: { waiting: PendingEvent[]; flushing: boolean }): Promise<void> {
  while (b.waiting.length) {
    const taken = b.waiting.splice(0, MAX_BATCH);
    // The same event twice in one batch (concurrent redeliveries): only the first may claim it.
    const seen = new Set<string>();
    const first = taken.filter((e) => {
      const k = `${e.platform}\u0000${e.key}`;
      if (seen.has(k)) {
        e.resolve(null);
        return false;
      }
      seen.add(k);
      return true;
    });
    try {
      const rows = await db.query<{ ord: number; claimed: boolean; ids: number[] }>(
        `WITH input AS (
           SELECT e->>'platform' AS platform, e->>'key' AS key, e->'jobs' AS jobs, ord
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
         ), claimed AS (
           INSERT INTO processed_events (platform, event_id) SELECT platform, key FROM input
           ON CONFLICT DO NOTHING RETURNING platform, event_id
         ), queued AS (
           INSERT INTO jobs (kind, payload, group_key, event_key)
           SELECT j->>'kind', j->'payload', j->>'group', i.key
           FROM input i JOIN claimed c ON c.platform = i.platform AND c.event_id = i.key, jsonb_array_elements(i.jobs) AS j
           RETURNING id, event_key
         )
         SELECT i.ord, c.event_id IS NOT NULL AS claimed,
                coalesce((SELECT array_agg(q.id ORDER BY q.id) FROM queued q WHERE q.event_key = i.key), '{}') AS ids
         FROM input i LEFT JOIN claimed c ON c.platform = i.platform AND c.event_id = i.key
         ORDER BY i.ord`,
        [JSON.stringify(first.map((e) => ({ platform: e.platform, key: e.key, jobs: e.jobs })))],
        { urgent: true },
      );
      for (const [n, row] of rows.entries()) first[n].resolve(row.claimed ? row.ids.map(Number) : null);
      if (rows.some((r) => r.claimed && r.ids.length)) queueSignal.emit('queued');
    } catch (err) {
      for (const e of first) e.reject(err);
    }
  }
  b.flushing = false;
}

/** Queues work that was deduplicated elsewhere (an interaction claimed by its trigger id). */
export async function enqueue(db: Queryable, jobs: NewJob[]): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, payload, group_key) SELECT j->>'kind', j->'payload', j->>'group' FROM jsonb_array_elements($1::jsonb) AS j RETURNING id`,
    [JSON.stringify(jobs)],
  );
  if (rows.length) queueSignal.emit('queued');
  return rows.map((r) => Number(r.id));
}

/**
 * Takes the oldest job of `kinds` that is due and not held by a live worker (queued, or running
 * under a lease that ran out), and not behind an open job of its group, leased to `owner` for `leaseMs`. SKIP LOCKED: replicas claiming
 * at the same moment get different jobs.
 */
export async function claimJob(db: Queryable, owner: string, kinds: string[], leaseMs: number): Promise<ClaimedJob | null> {
  const [row] = await db.query(
    `UPDATE jobs SET state = 'running', lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000),
            attempts = attempts + 1, started_at = now()
     WHERE id = (
       SELECT id FROM jobs j
       WHERE state IN ('queued', 'running') AND kind = ANY($3::text[]) AND run_after <= now()
         AND (state = 'queued' OR lease_until < now())
         AND (group_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM jobs e WHERE e.group_key = j.group_key AND e.id < j.id AND e.state IN ('queued', 'running')))
       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, payload, attempts, created_at`,
    [owner, leaseMs, kinds],
  );
  return row ? { id: Number(row.id), kind: row.kind, payload: row.payload, attempts: Number(row.attempts), createdAt: new Date(row.created_at) } : null;
}

/** Renews `owner`'s leases on the jobs it is still working on. */
export async function renewLeases(db: Queryable, owner: string, ids: number[], leaseMs: number): Promise<void> {
  if (!ids.length) return;
  await db.query(
    `UPDATE jobs SET lease_until = now() + make_interval(secs => $3::float8 / 1000)
     WHERE id = ANY($1::bigint[]) AND lease_owner = $2 AND state = 'running'`,
    [ids, owner, leaseMs],
  );
}

/** Ends a job: done, failed for good, or queued again after `retryInMs`. False if `owner` no longer held it. */
export async function settleJob(
  db: Queryable,
  id: number,
  owner: string,
  outcome: { state: 'done' } | { state: 'failed'; error: string } | { state: 'queued'; error: string; retryInMs: number },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET state = $3, lease_owner = NULL, lease_until = NULL, last_error = $4,
            run_after = CASE WHEN $3 = 'queued' THEN now() + make_interval(secs => $5::float8 / 1000) ELSE run_after END,
            finished_at = CASE WHEN $3 = 'queued' THEN NULL ELSE now() END
     WHERE id = $1 AND lease_owner = $2 AND state = 'running' RETURNING id`,
    [id, owner, outcome.state, 'error' in outcome ? outcome.error.slice(0, 2000) : null, 'retryInMs' in outcome ? outcome.retryInMs : 0],
  );
  return rows.length > 0;
}

/**
 * On the embedded database one process owns the data: a job still marked running there was left
 * by a process that died, so it may be taken again at once instead of after its lease.
 */
export async function releaseOrphanedJobs(db: Queryable): Promise<number> {
  const rows = await db.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE state = 'running' RETURNING id`);
  return rows.length;
}

/** The workers holding running jobs now (lease owners), to find the ones that died. */
export async function runningOwners(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ owner: string }>(`SELECT DISTINCT lease_owner AS owner FROM jobs WHERE state = 'running' AND lease_owner IS NOT NULL`);
  return rows.map((r) => r.owner);
}

/** Lets the running jobs of `owners` (workers known to be dead) be taken again at once, not after their lease. */
export async function releaseJobsOf(db: Queryable, owners: string[]): Promise<number> {
  if (!owners.length) return 0;
  const rows = await db.query(
    `UPDATE jobs SET lease_until = now() - interval '1 second' WHERE state = 'running' AND lease_owner = ANY($1::text[]) RETURNING id`,
    [owners],
  );
  return rows.length;
}

/** The steps a job recorded so far, by name (see JobContext.once in worker.ts). */
export async function jobSteps(db: Queryable, id: number): Promise<Map<string, unknown>> {
  const rows = await db.query(`SELECT step, result FROM job_steps WHERE job_id = $1`, [id]);
  return new Map(rows.map((r) => [r.step as string, r.result as unknown]));
}

export async function recordJobStep(db: Queryable, id: number, step: string, result: unknown): Promise<void> {
  await db.query(`INSERT INTO job_steps (job_id, step, result) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING`, [id, step, JSON.stringify(result ?? null)]);
}

export interface QueueStats {
  /** Jobs due and waiting for a worker, and the age of the oldest. */
  waiting: number;
  oldestWaitingMs: number;
  /** Jobs held by a live worker, and how long the longest has run. */
  running: number;
  oldestRunningMs: number;
}

/** The queue as every replica sees it (for /healthz). */
export async function queueStats(db: Queryable): Promise<QueueStats> {
  const [row] = await db.query(
    `SELECT count(*) FILTER (WHERE state = 'queued' AND run_after <= now())::int AS waiting,
            count(*) FILTER (WHERE state = 'running' AND lease_until >= now())::int AS running,
            coalesce(extract(epoch FROM now() - min(run_after) FILTER (WHERE state = 'queued' AND run_after <= now())) * 1000, 0)::float8 AS oldest_waiting_ms,
            coalesce(extract(epoch FROM now() - min(started_at) FILTER (WHERE state = 'running' AND lease_until >= now())) * 1000, 0)::float8 AS oldest_running_ms
     FROM jobs WHERE state IN ('queued', 'running')`,
  );
  return {
    waiting: Number(row?.waiting ?? 0),
    running: Number(row?.running ?? 0),
    oldestWaitingMs: Math.round(Number(row?.oldest_waiting_ms ?? 0)),
    oldestRunningMs: Math.round(Number(row?.oldest_running_ms ?? 0)),
  };
}

/** Finished jobs are kept a week (to look into), like processed events. */
export async function pruneJobs(db: Queryable, keepDays = 7): Promise<number> {
  const rows = await db.query(
    `DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < now() - make_interval(days => $1::int) RETURNING id`,
    [keepDays],
  );
  return rows.length;
}
