import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openDb, withSessionSettings } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { runCli, SHARED } from '../support/cli.ts';

test('a folder in use by a Regia process is shared with a command run meanwhile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-shared-'));
  const db = await openDb({ dataDir: dir });
  try {
    await migrate(db);
    const r = await runCli(['programme', 'load', join(SHARED, 'programme', 'io-ci-credo.yaml'), '--json'], { env: { REGIA_DATA_DIR: dir, DATABASE_URL: '' } });
    expect(r.code).toBe(0);
    // The command's writes are seen at once by the process that had it open.
    expect(await db.query(`SELECT count(*)::int AS n FROM programmes`)).toEqual([{ n: 1 }]);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

test('PostgreSQL sessions start with the k-NN setting, and keep the options the URL gives', () => {
  const url = new URL(withSessionSettings('postgres://u:p@db.example:5432/regia?options=-c%20search_path%3Dmine&sslmode=require'));
  expect(url.searchParams.get('options')).toBe('-c search_path=mine -c hnsw.ef_search=60');
  expect(url.searchParams.get('sslmode')).toBe('require');
  expect(`${url.username}:${url.password}@${url.host}${url.pathname}`).toBe('u:p@db.example:5432/regia');
});
