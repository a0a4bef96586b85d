import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import pgvector from 'pgvector';
import { redactUrl } from './url.ts';
import { SESSION_SETTINGS } from './vector-index.ts';

export type Row = Record<string, any>;

/** Anything that runs SQL: the database itself or a transaction on it. */
export interface Queryable {
  /**
   * One statement with `$1`-style parameters; rows with normalised types. `urgent`: someone is
   * waiting on it (an acknowledgement): on the embedded database it goes before queued statements.
   */
  query<T extends Row = Row>(sql: string, params?: unknown[], opts?: { urgent?: boolean }): Promise<T[]>;
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

/**
 * An embedding as a statement parameter (`$n::vector`), sent in each engine's cheapest form:
 * pgvector's binary format to PostgreSQL (no number printed or parsed: formatting 1,024 numbers
 * as text took about 6% of an ingestion's Node CPU), its text form to PGlite, whose client sends
 * every parameter as text.
 */
export class VectorParam {
  constructor(readonly values: ArrayLike<number>) {}

  /** pgvector's binary input: dimensions (int16), an unused int16, then big-endian float4s. */
  binary(): Buffer {
    const n = this.values.length;
    const out = Buffer.allocUnsafe(4 + 4 * n);
    out.writeInt16BE(n, 0);
    out.writeInt16BE(0, 2);
    for (let i = 0; i < n; i++) out.writeFloatBE(this.values[i], 4 + 4 * i);
    return out;
  }

  text(): string {
    return pgvector.toSql(Array.from(this.values));
  }
}

/**
 * Plain objects go in as JSON text; vectors as `vector` says; arrays, dates and scalars as they are.
 */
function normaliseParams(params: unknown[] = [], vector: (v: VectorParam) => unknown): unknown[] {
  return params.map((p) => {
    if (p === undefined) return null;
    if (p instanceof VectorParam) return vector(p);
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

/**
 * The connection URL with SESSION_SETTINGS added to its startup `options` (kept with any the URL
 * has): each pooled connection starts with them, at no extra round trip.
 */
export function withSessionSettings(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const settings = Object.entries(SESSION_SETTINGS).map(([k, v]) => `-c ${k}=${v}`);
  u.searchParams.set('options', [u.searchParams.get('options'), ...settings].filter(Boolean).join(' '));
  return u.toString();
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: withSessionSettings(url), max: 10 });
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
      const res = await client.query(sql, normaliseParams(params, (v) => v.binary()));
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

/**
 * The embedded database runs on a thread of its own (pglite-thread.mjs): its statements never
 * hold up the main thread, where requests are received and acknowledged.
 */
async function openPglite(dir: string | undefined): Promise<Db> {
  let release = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = acquireDirLock(dir);
  }
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), { workerData: { dataDir: dir ?? null } });
  const pending = new Map<number, { resolve(rows: unknown): void; reject(err: Error): void }>();
  let nextId = 1;
  let failed: Error | null = null;
  // The thread keeps the process alive only while a statement is waiting for it.
  const settle = () => (pending.size ? worker.ref() : worker.unref());
  const fail = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    settle();
  };
  worker.on('error', (err) => fail(new DatabaseError(`the embedded database stopped: ${err.message}`)));
  worker.on('exit', () => fail(new DatabaseError('the embedded database is closed')));
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { ready: boolean; error?: { message: string } }) => {
      if (m.ready) resolve();
      else reject(new DatabaseError(`cannot open the embedded database in ${dir}: ${m.error?.message}`));
    });
    worker.once('error', reject);
  });
  try {
    await ready;
  } catch (err) {
    release();
    await worker.terminate();
    throw err;
  }
  worker.on('message', (m: { id: number; ok: boolean; rows?: unknown; error?: Record<string, unknown> }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    settle();
    if (m.ok) p.resolve(m.rows);
    else p.reject(Object.assign(new Error(String(m.error?.message)), m.error));
  });
  settle();
  const call = <T>(message: { op: string; sql?: string; params?: unknown[]; tx?: number; urgent?: boolean }): Promise<T> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (rows: unknown) => void, reject });
      settle();
      worker.postMessage({ ...message, id });
    });
  };
  const on = (tx?: number): Queryable => ({
    query: <T extends Row>(sql: string, params?: unknown[], opts?: { urgent?: boolean }) =>
      call<T[]>({ op: 'query', sql, params: normaliseParams(params, (v) => v.text()), tx, urgent: opts?.urgent }),
    exec: (sql: string) => call<void>({ op: 'exec', sql, tx }),
  });
  let nextTx = 1;
  try {
    for (const [k, v] of Object.entries(SESSION_SETTINGS)) await call({ op: 'exec', sql: `SET ${k} = ${v}` });
  } catch (err) {
    release();
    await worker.terminate();
    throw err;
  }
  return {
    engine: 'pglite',
    location: dir ?? 'memory://',
    ...on(),
    async transaction(fn) {
      const tx = nextTx++;
      await call({ op: 'begin', tx });
      try {
        const out = await fn(on(tx));
        await call({ op: 'commit', tx });
        return out;
      } catch (err) {
        await call({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
    },
    async close() {
      if (!failed) await call({ op: 'close' }).catch(() => {});
      await worker.terminate();
      release();
    },
  };
}

/** An embedding as a `$n::vector` parameter. */
export function toVectorSql(v: ArrayLike<number>): VectorParam {
  return new VectorParam(v);
}
