import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import pgvector from 'pgvector';
import { redactUrl } from './url.ts';

export type Row = Record<string, any>;

/** Anything that runs SQL: the database itself or a transaction on it. */
export interface Queryable {
  /** One statement with `$1`-style parameters; rows with normalised types. */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations, resets). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseError extends Error {}

// One set of type rules for both engines: int8 and numeric as JS numbers, date as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/** Plain objects go in as JSON text; arrays, dates and scalars as they are. */
function normaliseParams(params: unknown[] = []): unknown[] {
  return params.map((p) => {
    if (p === undefined) return null;
    if (p !== null && typeof p === 'object' && !Array.isArray(p) && !(p instanceof Date) && !(p instanceof Uint8Array)) {
      return JSON.stringify(p);
    }
    return p;
  });
}

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite only: keep everything in memory (tests that need no persistence). */
  inMemory?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.inMemory ? undefined : resolve(opts.dataDir ?? './.regia'));
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  const location = redactUrl(url);
  const wrap = (err: unknown): never => {
    const e = err as Error & { code?: string };
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '3D000' || e.code === '28P01') {
      throw new DatabaseError(`cannot connect to PostgreSQL at ${location}: ${e.message}`);
    }
    throw err;
  };
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    wrap(err);
  }
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const res = await client.query(sql, normaliseParams(params));
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  const base = on(pool);
  return {
    engine: 'postgres',
    location,
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * PGlite has no lock of its own on its directory; two processes writing one directory corrupt it,
 * so one process owns it and the others are told clearly.
 */
function acquireDirLock(dir: string): () => void {
  const lockFile = join(dir, 'regia.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (alive) {
      throw new DatabaseError(
        `the embedded database in ${dir} is in use by another Regia process (pid ${pid}): ` +
          `stop it first (for example a running 'regia serve' or 'npm start'), or set DATABASE_URL to share PostgreSQL`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (existsSync(lockFile) && readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}

async function openPglite(dir: string | undefined): Promise<Db> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  let release = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = acquireDirLock(dir);
  }
  const parsers = {
    [types.INT8]: (v: string) => Number(v),
    [types.NUMERIC]: (v: string) => Number(v),
    [types.DATE]: (v: string) => v,
  };
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create({ dataDir: dir, extensions: { vector }, parsers });
  } catch (err) {
    release();
    throw new DatabaseError(`cannot open the embedded database in ${dir}: ${(err as Error).message}`);
  }
  const on = (q: { query: typeof db.query; exec: typeof db.exec }): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const res = await q.query<T>(sql, normaliseParams(params));
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    engine: 'pglite',
    location: dir ?? 'memory://',
    ...on(db),
    transaction: (fn) => db.transaction((tx) => fn(on(tx as any))),
    async close() {
      await db.close();
      release();
    },
  };
}

/** Numbers to pgvector's text form, for `$n::vector` parameters. */
export function toVectorSql(v: ArrayLike<number>): string {
  return pgvector.toSql(Array.from(v));
}
