import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { startServeProcess, type ServeProcess } from '../support/serve.ts';
import { eventEnvelope, mentionEvent, newTs, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../support/slack-sim.ts';
import { signedSlackRequest } from '../support/slack-sign.ts';

/**
 * Acknowledged questions survive a crash: the real `regia serve` is killed with SIGKILL right
 * after acknowledging 50 mentions (while answers are being posted), and every question is
 * answered exactly once by the next process on the same database.
 */
const N = 50;

function env(sim: SlackSimulator, db: Record<string, string>): Record<string, string> {
  // A short lease so that a killed replica's jobs come back within the test.
  return { ...db, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: sim.url, REGIA_JOB_LEASE_MS: '3000' };
}

async function mentionBurst(services: ServeProcess[]): Promise<string[]> {
  const threads = Array.from({ length: N }, () => newTs());
  const acks = await Promise.all(
    threads.map((ts, i) =>
      signedSlackRequest(services[i % services.length].baseUrl, TEST_SIGNING_SECRET, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: `U0ASK${i}`, text: 'chi coordina il cantiere 8?', ts }))),
    ),
  );
  expect(acks.map((a) => a.status)).toEqual(threads.map(() => 200));
  return threads;
}

function kill(service: ServeProcess): Promise<unknown> {
  const exited = new Promise((r) => service.child.once('exit', r));
  service.child.kill('SIGKILL');
  return exited;
}

/** Every thread got its answer, and no part of any answer was posted twice. */
async function expectAnsweredOnce(sim: SlackSimulator, threads: string[]): Promise<void> {
  const wanted = new Set(threads);
  const answers = () => sim.calls.filter((c) => c.method === 'chat.postMessage' && wanted.has(c.body.thread_ts) && c.body.metadata);
  const deadline = Date.now() + 180_000;
  while (new Set(answers().map((c) => c.body.thread_ts)).size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 2000)); // time for a second copy to show up, if any would
  const posts = answers();
  expect(new Set(posts.map((c) => c.body.thread_ts)).size).toBe(N);
  const parts = posts.map((c) => `${c.body.thread_ts}#${c.body.metadata.event_payload.part}`);
  expect(parts.length).toBe(new Set(parts).size);
  // No failure notices instead of answers.
  expect(sim.calls.filter((c) => c.method === 'chat.postMessage' && wanted.has(c.body.thread_ts) && !c.body.metadata)).toEqual([]);
}

describe('acknowledged mentions survive SIGKILL', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  test('embedded database: 50 acknowledged, the process killed mid-answers, a new one answers every one once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regia-kill-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const sim = await startSlackSimulator();
    cleanup.push(() => sim.close());
    const first = await startServeProcess(env(sim, { REGIA_DATA_DIR: dir }));
    cleanup.push(() => first.stop());
    sim.postDelayMs = 300; // answers are still being posted when the kill comes
    const threads = await mentionBurst([first]);
    await kill(first);
    const answeredBefore = new Set(sim.calls.filter((c) => c.method === 'chat.postMessage' && threads.includes(c.body.thread_ts)).map((c) => c.body.thread_ts)).size;
    expect(answeredBefore).toBeLessThan(N);
    sim.postDelayMs = 0;
    const second = await startServeProcess(env(sim, { REGIA_DATA_DIR: dir }));
    cleanup.push(() => second.stop());
    await expectAnsweredOnce(sim, threads);
  }, 400_000);

  const pg = process.env.TEST_DATABASE_URL ? test : test.skip;
  pg('PostgreSQL: two replicas, one killed after the burst; the other answers every question once', async () => {
    const db: TestDatabase = await createTestDatabase('postgres');
    cleanup.push(() => db.destroy());
    const sim = await startSlackSimulator();
    cleanup.push(() => sim.close());
    const a = await startServeProcess(env(sim, db.env));
    cleanup.push(() => a.stop());
    const b = await startServeProcess(env(sim, db.env));
    cleanup.push(() => b.stop());
    sim.postDelayMs = 300;
    const threads = await mentionBurst([a, b]);
    await kill(a);
    sim.postDelayMs = 0;
    await expectAnsweredOnce(sim, threads);
  }, 400_000);
});
