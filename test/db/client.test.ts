import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openDb, withSessionSettings } from '../../db/client.ts';
import { runCli, SHARED } from '../support/cli.ts';

test('the embedded database belongs to one process: a second one is told who holds it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-lock-'));
  const db = await openDb({ dataDir: dir });
  try {
    const r = await runCli(['programme', 'load', join(SHARED, 'programme', 'io-ci-credo.yaml')], { env: { REGIA_DATA_DIR: dir, DATABASE_URL: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`in use by another Regia process (pid ${process.pid})`);
    expect(r.stderr).toMatch(/DATABASE_URL/);
  } finally {
    await db.close();
  }
  // Released on close: the next process may open it.
  const again = await runCli(['programme', 'load', join(SHARED, 'programme', 'io-ci-credo.yaml'), '--json'], { env: { REGIA_DATA_DIR: dir, DATABASE_URL: '' } });
  expect(again.code).toBe(0);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('PostgreSQL sessions start with the k-NN setting, and keep the options the URL gives', () => {
  const url = new URL(withSessionSettings('postgres://u:p@db.example:5432/regia?options=-c%20search_path%3Dmine&sslmode=require'));
  expect(url.searchParams.get('options')).toBe('-c search_path=mine -c hnsw.ef_search=60');
  expect(url.searchParams.get('sslmode')).toBe('require');
  expect(`${url.username}:${url.password}@${url.host}${url.pathname}`).toBe('u:p@db.example:5432/regia');
});
