import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { openDb, stopEmbeddedServer, type Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';

export type EngineName = 'pglite' | 'postgres';

/** PGlite always; native PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testEngines(): EngineName[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A PostgreSQL URL whose connections live in a schema of their own, so test files never collide. */
export function schemaUrl(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  return u.toString();
}

/** Where one test's database lives: the environment a Regia process needs to reach it. */
export interface TestDatabase {
  engine: EngineName;
  /** Env vars for a `regia` subprocess (REGIA_DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  open(): Promise<Db>;
  destroy(): Promise<void>;
}

export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'regia-test-'));
    return {
      engine,
      env: { REGIA_DATA_DIR: dir, DATABASE_URL: '' },
      open: () => openDb({ dataDir: dir }),
      async destroy() {
        await stopEmbeddedServer(dir);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = schemaUrl(base, schema);
  return {
    engine,
    env: { DATABASE_URL: url, REGIA_DATA_DIR: '' },
    open: () => openDb({ databaseUrl: url }),
    async destroy() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

const TABLES = [
  'indicator_values', 'indicators', 'feedback', 'answers', 'digests', 'job_steps', 'jobs', 'processed_events', 'conversation_refs', 'conversations', 'updates',
  'chunks', 'lexeme_stats', 'chunk_counts', 'chunk_stats_pending', 'documents', 'document_audit', 'people', 'projects', 'cantieri', 'programmes', 'settings',
];

/**
 * Empties every table (fast compared with a new database). The product refuses TRUNCATE on the
 * append-only updates; tests reset as replication would, with user triggers off for this session.
 */
export async function resetTables(db: Db): Promise<void> {
  await db.exec(`SET session_replication_role = replica; TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE; SET session_replication_role = origin;`);
}

export interface EngineSuite {
  engine: EngineName;
  /** The migrated database of this suite (valid inside tests). */
  db: Db;
  target: TestDatabase;
}

/**
 * Runs the same suite on every engine: one migrated database per file and engine, tables emptied
 * before each test unless `reset: false`.
 */
export function describeEachEngine(name: string, body: (suite: EngineSuite) => void, { reset = true } = {}): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      const suite = { engine } as EngineSuite;
      beforeAll(async () => {
        suite.target = await createTestDatabase(engine);
        suite.db = await suite.target.open();
        await migrate(suite.db);
      });
      afterAll(async () => {
        await suite.db?.close();
        await suite.target?.destroy();
      });
      if (reset) beforeEach(async () => resetTables(suite.db));
      body(suite);
    });
  }
}
