import { expect, test } from 'vitest';
import { claimJob, enqueue, enqueueForEvent, jobSteps, queueStats, releaseJobsOf, runningOwners, settleJob } from '../../src/jobs/queue/store.ts';
import { startQueueWorker, type JobContext } from '../../src/jobs/queue/worker.ts';
import { describeEachEngine } from '../support/db.ts';
import { testApp } from '../support/slack-harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachEngine('the durable work queue', (s) => {
  test('an event is claimed and its work queued in one statement; a redelivery queues nothing', async () => {
    const first = await enqueueForEvent(s.db, { platform: 'slack', key: 'event:Ev1' }, [{ kind: 'k', payload: { n: 1 } }, { kind: 'k', payload: { n: 2 } }]);
    expect(first).toHaveLength(2);
    expect(await enqueueForEvent(s.db, { platform: 'slack', key: 'event:Ev1' }, [{ kind: 'k', payload: { n: 1 } }])).toBeNull();
    const jobs = await s.db.query(`SELECT kind, payload, event_key, state FROM jobs ORDER BY id`);
    expect(jobs).toEqual([
      { kind: 'k', payload: { n: 1 }, event_key: 'event:Ev1', state: 'queued' },
      { kind: 'k', payload: { n: 2 }, event_key: 'event:Ev1', state: 'queued' },
    ]);
    expect(await s.db.query(`SELECT event_id FROM processed_events`)).toEqual([{ event_id: 'event:Ev1' }]);
  });

  test('events arriving together are written together, and concurrent copies of one event queue its work once', async () => {
    const results = await Promise.all([
      ...Array.from({ length: 30 }, (_, n) => enqueueForEvent(s.db, { platform: 'slack', key: `event:B${n}` }, [{ kind: 'k', payload: { n } }])),
      enqueueForEvent(s.db, { platform: 'slack', key: 'event:B0' }, [{ kind: 'k', payload: { n: 0 } }]),
      enqueueForEvent(s.db, { platform: 'teams', key: 'event:B0' }, [{ kind: 't', payload: {} }]),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results[30]).toBeNull();
    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM jobs`);
    expect(n).toBe(31);
    expect(new Set(results.flatMap((r) => r ?? [])).size).toBe(31);
  });

  test('workers claiming at once get different jobs; a job whose lease ran out is taken again', async () => {
    await enqueue(s.db, Array.from({ length: 20 }, (_, n) => ({ kind: 'k', payload: { n } })));
    const take = async (owner: string) => {
      const got: number[] = [];
      for (let j = await claimJob(s.db, owner, ['k'], 60_000); j; j = await claimJob(s.db, owner, ['k'], 60_000)) got.push(j.payload.n);
      return got;
    };
    const [a, b] = await Promise.all([take('A'), take('B')]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(await claimJob(s.db, 'C', ['other'], 60_000)).toBeNull();

    await enqueue(s.db, [{ kind: 'lease', payload: {} }]);
    // A lease long enough for the next statement on a loaded machine, short enough to wait out.
    const held = (await claimJob(s.db, 'A', ['lease'], 1500))!;
    expect(await claimJob(s.db, 'B', ['lease'], 1500)).toBeNull();
    await sleep(1700);
    const again = (await claimJob(s.db, 'B', ['lease'], 60_000))!;
    expect(again).toMatchObject({ id: held.id, attempts: 2 });
    // The dead worker's late settlement changes nothing: B holds the job now.
    expect(await settleJob(s.db, held.id, 'A', { state: 'done' })).toBe(false);
    expect(await settleJob(s.db, held.id, 'B', { state: 'done' })).toBe(true);
  });

  test('the running jobs of workers known to be dead are released at once; the others keep their lease', async () => {
    await enqueue(s.db, [{ kind: 'held', payload: { n: 1 } }, { kind: 'held', payload: { n: 2 } }]);
    const dead = (await claimJob(s.db, 'host:1:dead', ['held'], 60_000))!;
    await claimJob(s.db, 'host:2:live', ['held'], 60_000);
    expect((await runningOwners(s.db)).sort()).toEqual(['host:1:dead', 'host:2:live']);
    expect(await claimJob(s.db, 'new', ['held'], 60_000)).toBeNull();
    expect(await releaseJobsOf(s.db, ['host:1:dead'])).toBe(1);
    expect(await claimJob(s.db, 'new', ['held'], 60_000)).toMatchObject({ id: dead.id, attempts: 2 });
    expect(await claimJob(s.db, 'new', ['held'], 60_000)).toBeNull();
  });

  test('jobs of one group run one at a time, in order, whichever worker asks', async () => {
    await enqueue(s.db, [
      { kind: 'k', payload: { n: 1 }, group: 'thread-A' },
      { kind: 'k', payload: { n: 2 }, group: 'thread-A' },
      { kind: 'k', payload: { n: 3 }, group: 'thread-B' },
    ]);
    const first = (await claimJob(s.db, 'A', ['k'], 60_000))!;
    const other = (await claimJob(s.db, 'B', ['k'], 60_000))!;
    expect([first.payload.n, other.payload.n]).toEqual([1, 3]);
    expect(await claimJob(s.db, 'B', ['k'], 60_000)).toBeNull();
    await settleJob(s.db, first.id, 'A', { state: 'done' });
    expect((await claimJob(s.db, 'B', ['k'], 60_000))?.payload.n).toBe(2);
  });

  test('a worker runs each job once, skips steps recorded by an earlier attempt, retries, and gives up telling the handler', async () => {
    const { app, logs } = testApp(s.db);
    const runs: string[] = [];
    const givenUp: number[] = [];
    const handlers = {
      ok: {
        async run(job: JobContext) {
          await job.once('side effect', async () => runs.push(`ok:${job.payload.n}`));
        },
      },
      flaky: {
        async run(job: JobContext) {
          await job.once('step 1', async () => runs.push(`step1:${job.attempt}`));
          runs.push(`step2:${job.attempt}`);
          if (job.attempt < 2) throw new Error('flaky failure');
        },
      },
      broken: {
        async run() {
          throw new Error('always fails');
        },
        async giveUp(job: JobContext) {
          givenUp.push(job.attempt);
        },
      },
    };
    await enqueue(s.db, [{ kind: 'ok', payload: { n: 1 } }, { kind: 'flaky', payload: {} }, { kind: 'broken', payload: {} }, { kind: 'ok', payload: { n: 2 } }]);
    const worker = await startQueueWorker(app, handlers, { owner: 'W', retryBaseMs: 50, maxAttempts: 3, pollMs: 50 });
    for (let i = 0; i < 100 && (await s.db.query(`SELECT 1 FROM jobs WHERE state IN ('queued', 'running')`)).length; i++) await sleep(100);
    await worker.stop();
    expect(runs.sort()).toEqual(['ok:1', 'ok:2', 'step1:1', 'step2:1', 'step2:2']);
    expect(givenUp).toEqual([3]);
    const states = await s.db.query(`SELECT kind, state, attempts FROM jobs ORDER BY id`);
    expect(states).toEqual([
      { kind: 'ok', state: 'done', attempts: 1 },
      { kind: 'flaky', state: 'done', attempts: 2 },
      { kind: 'broken', state: 'failed', attempts: 3 },
      { kind: 'ok', state: 'done', attempts: 1 },
    ]);
    expect(logs.filter((l) => l.msg === 'queue: job failed; it will be retried')).toHaveLength(3);
    const flaky = states.findIndex((r) => r.kind === 'flaky') + 1;
    expect([...(await jobSteps(s.db, flaky)).keys()]).toEqual(['step 1']);
    expect(await queueStats(s.db)).toMatchObject({ waiting: 0, running: 0 });
  });
});
