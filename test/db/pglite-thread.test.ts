import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';

/**
 * The embedded database runs on its own thread: a long statement leaves the main thread free (to
 * receive and acknowledge requests), and an urgent statement goes before the ones waiting.
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
