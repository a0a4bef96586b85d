import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { bufferSize, SERVER, type ServerHello, socketDirFor, startServer, takeLaunch } from './embedded-server.ts';
import { DatabaseError } from './errors.ts';
import { processAlive } from './process.ts';
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

export { DatabaseError };
export { socketDirFor, startEmbeddedServer, stopEmbeddedServer } from './embedded-server.ts';

// One set of type rules for both engines: int8 and numeric as JS numbers, date as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/**
 * An embedding as a statement parameter (`$n::vector`), in pgvector's binary format: no number
 * printed or parsed (formatting 1,024 numbers as text took about 6% of an ingestion's Node CPU).
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
  /**
   * PGlite folder only: how long its server keeps running once no process uses it, so that the
   * next CLI call finds it open (0: it stops with the last user).
   */
  serverIdleMs?: number;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  if (opts.inMemory) return openPgliteMemory();
  return openPgliteFolder(resolve(opts.dataDir ?? './.regia'), opts.serverIdleMs ?? 0);
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
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: withSessionSettings(url), max: 10 });
  await firstConnection(pool, `PostgreSQL at ${location}`);
  return poolDb('postgres', location, pool, async () => {
    await pool.end();
  });
}

/** Connects once, so that an unreachable database is reported at open; errors made plain. */
async function firstConnection(pool: pg.Pool, location: string): Promise<void> {
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const e = err as Error & { code?: string };
    if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ENOENT', '3D000', '28P01'].includes(e.code ?? '')) {
      throw new DatabaseError(`cannot connect to ${location}: ${e.message}`);
    }
    throw err;
  }
}

/**
 * A database reached through `pg` connections: PostgreSQL, or PGlite served on a socket (one
 * client and one SQL dialect for both). `urgent` statements go on a connection of their own,
 * which the embedded server serves before the others waiting (PostgreSQL runs them side by side).
 */
function poolDb(engine: Db['engine'], location: string, pool: pg.Pool, close: () => Promise<void>, urgentPool?: () => pg.Pool): Db {
  const on = (client: pg.Pool | pg.PoolClient, urgent?: () => pg.Pool): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[], opts?: { urgent?: boolean }) {
      const via = opts?.urgent && urgent ? urgent() : client;
      const res = await via.query(sql, normaliseParams(params, (v) => v.binary()));
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  return {
    engine,
    location,
    ...on(pool, urgentPool),
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
    close,
  };
}

/** The connection name whose statements the embedded server runs first (see pglite-server.mjs). */
const URGENT_APP = 'regia-urgent';
/** How long a CLI call waits for the embedded database's server to start. */
const START_TIMEOUT_MS = 120_000;

const pgliteConfig = (socketDir: string, extra: pg.PoolConfig = {}): pg.PoolConfig => ({
  host: socketDir,
  port: 5432,
  user: 'postgres',
  database: 'postgres',
  // Idle connections stay open (the server keeps running while any process holds one) and do not
  // keep this process alive.
  idleTimeoutMillis: 0,
  allowExitOnIdle: true,
  ...extra,
});

/**
 * The embedded database of folder `dir`, served by a process of its own (pglite-server.mjs) that
 * every Regia process using the folder shares: the first one starts it, the next ones connect.
 */
async function openPgliteFolder(dir: string, idleMs: number): Promise<Db> {
  const socketDir = socketDirFor(dir);
  const deadline = Date.now() + START_TIMEOUT_MS;
  /** The process of another user's server, while it starts. */
  let starting = 0;
  for (;;) {
    try {
      return await pgliteDb(dir, socketDir, async () => {});
    } catch (err) {
      if (!(err instanceof DatabaseError)) throw err;
    }
    if (Date.now() > deadline) {
      throw new DatabaseError(`the embedded database in ${dir} did not start within ${START_TIMEOUT_MS / 1000} s (held by process ${starting || '?'}; see regia-db.log there)`);
    }
    if (!starting || !processAlive(starting)) {
      const hello = await (takeLaunch(dir) ?? startServer(dir, socketDir, idleMs));
      if ('error' in hello) throw new DatabaseError(`cannot open the embedded database in ${dir}: ${hello.error.message}`);
      // Another user's server holds the folder and may still be starting: wait for it.
      if ('running' in hello) starting = hello.running;
      else continue;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An in-memory embedded database, private to this process: the same server on a thread of its
 * own, on a socket in a temporary folder, gone with the process.
 */
async function openPgliteMemory(): Promise<Db> {
  const socketDir = mkdtempSync(join(tmpdir(), 'regia-mem-'));
  const worker = new Worker(SERVER, { workerData: { dataDir: null, socketDir, idleMs: -1, sharedBuffers: bufferSize(false), settings: SESSION_SETTINGS } });
  const hello = await new Promise<ServerHello>((resolve, reject) => {
    worker.once('message', (m) => resolve(m as ServerHello));
    worker.once('error', reject);
  }).catch((err: Error) => ({ error: { message: err.message } }));
  const stop = async () => {
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
  };
  if ('error' in hello) {
    await stop();
    throw new DatabaseError(`cannot open an in-memory embedded database: ${hello.error.message}`);
  }
  worker.unref();
  try {
    return await pgliteDb('memory://', socketDir, stop);
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The connections to an embedded database's server: a pool, and one connection for urgent
 * statements, opened now so that an urgent statement never waits for a connection's start.
 */
async function pgliteDb(location: string, socketDir: string, stopServer: () => Promise<void>): Promise<Db> {
  const pool = new pg.Pool(pgliteConfig(socketDir, { max: 4 }));
  const urgent = new pg.Pool(pgliteConfig(socketDir, { max: 1, application_name: URGENT_APP }));
  try {
    await firstConnection(pool, `the embedded database in ${location}`);
    await firstConnection(urgent, `the embedded database in ${location}`);
  } catch (err) {
    await Promise.all([pool.end().catch(() => {}), urgent.end().catch(() => {})]);
    throw err;
  }
  const close = async () => {
    await Promise.all([pool.end(), urgent.end()]);
    await stopServer();
  };
  return poolDb('pglite', location, pool, close, () => urgent);
}

/** An embedding as a `$n::vector` parameter. */
export function toVectorSql(v: ArrayLike<number>): VectorParam {
  return new VectorParam(v);
}
