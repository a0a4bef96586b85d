import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';
import { ROOT, runCli } from '../support/cli.ts';

/**
 * The embedded database is served apart from the process using it (a thread for an in-memory one,
 * a process of its own for a folder): a long statement leaves the main thread free (to receive
 * and acknowledge requests), and an urgent statement goes before the ones waiting.
 */
let db: Db;
beforeAll(async () => {
  db = await openDb({ inMemory: true });
});
afterAll(async () => {
  await db.close();
});

test('while a statement runs, the main thread keeps running timers', async () => {
  const order: string[] = [];
  const slow = db.query(`SELECT pg_sleep(1)`).then(() => order.push('statement'));
  await new Promise((r) => setTimeout(r, 50)).then(() => order.push('timer'));
  await slow;
  expect(order).toEqual(['timer', 'statement']);
});

test('an urgent statement runs before the statements queued ahead of it; a transaction is not interleaved', async () => {
  const order: string[] = [];
  const first = db.query(`SELECT pg_sleep(0.3)`).then(() => order.push('first'));
  const queued = db.query(`SELECT 1`).then(() => order.push('queued'));
  const urgent = db.query(`SELECT 2`, [], { urgent: true }).then(() => order.push('urgent'));
  await Promise.all([first, queued, urgent]);
  expect(order).toEqual(['first', 'urgent', 'queued']);

  await db.exec(`CREATE TEMP TABLE t (n int)`);
  const outside: Promise<unknown>[] = [];
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO t VALUES (1)`);
    // Statements from outside wait for the transaction, urgent or not: they see it committed.
    outside.push(db.query(`SELECT count(*)::int AS n FROM t`, [], { urgent: true }));
    await tx.query(`INSERT INTO t VALUES (2)`);
  });
  expect(await outside[0]).toEqual([{ n: 2 }]);
  // A failed statement brings PostgreSQL's error code back; a failed transaction is rolled back.
  await expect(db.query(`SELECT * FROM no_such_table`)).rejects.toMatchObject({ code: '42P01' });
  await expect(db.transaction(async (tx) => {
    await tx.query(`INSERT INTO t VALUES (3)`);
    throw new Error('no');
  })).rejects.toThrow('no');
  expect(await db.query(`SELECT count(*)::int AS n FROM t`)).toEqual([{ n: 2 }]);
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a folder is served by one process shared by its users; it stops with the last one and a crashed one is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-server-'));
  try {
    const a = await openDb({ dataDir: dir });
    const b = await openDb({ dataDir: dir });
    const pid = Number(readFileSync(join(dir, 'regia.lock'), 'utf8'));
    expect(pid).not.toBe(process.pid);
    await a.exec(`CREATE TABLE t (n int); INSERT INTO t VALUES (1)`);
    expect(await b.query(`SELECT n FROM t`)).toEqual([{ n: 1 }]);
    await a.close();
    expect(await b.query(`SELECT count(*)::int AS c FROM t`)).toEqual([{ c: 1 }]);
    await b.close();
    // Idle time 0: the server closes PostgreSQL cleanly and leaves no lock and no socket behind.
    await waitFor(() => !alive(pid));
    expect(existsSync(join(dir, 'regia.lock'))).toBe(false);
    expect(existsSync(join(dir, '.s.PGSQL.5432'))).toBe(false);

    // A server killed outright leaves its lock and socket: the next user starts a new one.
    const c = await openDb({ dataDir: dir });
    const crashed = Number(readFileSync(join(dir, 'regia.lock'), 'utf8'));
    process.kill(crashed, 'SIGKILL');
    await waitFor(() => !alive(crashed));
    await expect(c.query(`SELECT 1`)).rejects.toThrow();
    await c.close().catch(() => {});
    expect(existsSync(join(dir, '.s.PGSQL.5432'))).toBe(true);
    const d = await openDb({ dataDir: dir });
    expect(await d.query(`SELECT n FROM t`)).toEqual([{ n: 1 }]);
    const next = Number(readFileSync(join(dir, 'regia.lock'), 'utf8'));
    expect(next).not.toBe(crashed);
    await d.close();
    await waitFor(() => !alive(next));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('a server whose folder is removed stops', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-server-'));
  const db = await openDb({ dataDir: dir, serverIdleMs: 600_000 });
  await db.close();
  const pid = Number(readFileSync(join(dir, 'regia.lock'), 'utf8'));
  expect(alive(pid)).toBe(true); // kept for the next command
  rmSync(dir, { recursive: true, force: true });
  await waitFor(() => !alive(pid));
}, 120_000);

test('by default a command leaves its folder a stopped database, which can be copied and opened', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-server-'));
  const copy = `${dir}-copy`;
  try {
    // The default, not the tests' REGIA_DB_IDLE_SECONDS=0.
    const load = await runCli(['programme', 'load', join(ROOT, 'examples', 'programme.yaml')], { env: { REGIA_DATA_DIR: dir }, unset: ['REGIA_DB_IDLE_SECONDS'] });
    expect(load.code, load.stderr).toBe(0);
    await waitFor(() => !existsSync(join(dir, 'regia.lock')));
    expect(existsSync(join(dir, '.s.PGSQL.5432'))).toBe(false);
    cpSync(dir, copy, { recursive: true });
    const db = await openDb({ dataDir: copy });
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM projects`))[0].n).toBeGreaterThan(0);
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }
}, 120_000);
