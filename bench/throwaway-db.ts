import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { stopEmbeddedServer } from '../db/client.ts';

/** A database for one bench run: a PGlite folder, or a schema of its own on PostgreSQL. */
export interface ThrowawayDatabase {
  /** What a Regia process needs to reach it. */
  env: { DATABASE_URL: string; REGIA_DATA_DIR?: string };
  destroy(): Promise<void>;
}

export async function throwawayDatabase(engine: 'pglite' | 'postgres', parentDir: string): Promise<ThrowawayDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(parentDir, 'regia-bench-'));
    const destroy = async () => {
      await stopEmbeddedServer(dir);
      rmSync(dir, { recursive: true, force: true });
    };
    return { env: { REGIA_DATA_DIR: dir, DATABASE_URL: '' }, destroy };
  }
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  return { env: { DATABASE_URL: u.toString() }, destroy: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}
