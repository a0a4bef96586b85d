// The embedded database (PGlite) served over PostgreSQL's wire protocol on a Unix socket, so Regia
// reaches it with the same client (`pg`) and SQL as PostgreSQL. Opening PGlite costs seconds
// (WebAssembly, PostgreSQL's start, cold catalogue caches); a CLI call that finds the server of
// its folder running connects in milliseconds. Plain JavaScript: run by `node` as a process of
// its own (a data folder, shared by every Regia process using it) or on a worker thread (an
// in-memory database private to one process). db/client.ts starts it.
//
// The server owns its folder through `regia.lock` (its pid), created exclusively; a lock whose
// process is gone is taken over, and so is the socket left by it. It stops, closing PostgreSQL
// cleanly, when no client has been connected for `idleMs` (0: as soon as the last one leaves),
// on SIGTERM or SIGINT, or when its folder's lock is no longer its own (the folder was removed).
//
// PGlite is one PostgreSQL backend: statements from all connections take turns. A batch is what a
// client sends up to a Sync or a simple Query (one statement, extended protocol included), so two
// clients' messages never interleave; while one client holds a transaction block only its
// batches run; batches from connections named `regia-urgent` (acknowledgements) go first.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** { dataDir: string|null, socketDir: string, idleMs: number, sharedBuffers: string, settings: Record<string,string> } */
const opts = isMainThread ? JSON.parse(process.argv[2]) : workerData;
const tell = (m) => (isMainThread ? process.send?.(m) : parentPort.postMessage(m));
const SOCKET = join(opts.socketDir, '.s.PGSQL.5432');
const URGENT_APP = 'regia-urgent'; // db/client.ts names its urgent connections so

// PostgreSQL's WebAssembly (9 MB) is compiled by V8's background threads while this thread loads
// PGlite's JavaScript, instead of after it.
const wasmUrl = new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite'));
const compiling = readFile(wasmUrl).then((bytes) => WebAssembly.compile(bytes));
compiling.catch(() => {}); // PGlite.create reports a failure below

function errorOf(err) {
  return { message: String(err?.message ?? err) };
}

/** The pid holding `lockFile`, if that process is alive. */
function liveHolder(lockFile) {
  let pid;
  try {
    pid = Number(readFileSync(lockFile, 'utf8').trim());
  } catch {
    return null;
  }
  if (!pid || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return e.code === 'EPERM' ? pid : null;
  }
}

/** Takes the folder's lock: null when taken, else the pid of the live process holding it. */
function acquireLock(lockFile) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return null;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const holder = liveHolder(lockFile);
    if (holder) return holder;
    rmSync(lockFile, { force: true }); // left by a process that is gone
  }
  throw new Error(`cannot take the lock ${lockFile}`);
}

const lockFile = opts.dataDir ? join(opts.dataDir, 'regia.lock') : null;
const ownsLock = () => {
  try {
    return readFileSync(lockFile, 'utf8').trim() === String(process.pid);
  } catch {
    return false;
  }
};

if (lockFile) {
  mkdirSync(opts.dataDir, { recursive: true });
  const holder = acquireLock(lockFile);
  if (holder) {
    tell({ running: holder });
    process.exit(0);
  }
}

// The page buffers (`sharedBuffers`) and this process's V8 options are chosen by db/embedded-server.ts.
let db;
try {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffers}`, '-c', 'max_connections=8'];
  // The one backend needs a few connection slots, not PostgreSQL's 100 (each costs start time).
  db = await PGlite.create({
    dataDir: opts.dataDir ?? undefined,
    extensions: { vector },
    startParams,
    pgliteWasmModule: await compiling,
  });
  for (const [k, v] of Object.entries(opts.settings ?? {})) await db.exec(`SET ${k} = ${v}`);
} catch (err) {
  if (lockFile && ownsLock()) rmSync(lockFile, { force: true });
  tell({ error: errorOf(err) });
  process.exit(1);
}

const connections = new Set();
const queue = [];
/** The connection whose transaction block is open, or null. */
let owner = null;
let running = false;
let idleTimer = null;
let stopping = false;

function next() {
  const i = owner ? queue.findIndex((b) => b.conn === owner) : Math.max(0, queue.findIndex((b) => b.conn.urgent));
  return i < 0 || i >= queue.length ? undefined : queue.splice(i, 1)[0];
}

async function drain() {
  if (running) return;
  running = true;
  for (let b = next(); b; b = next()) {
    let out;
    try {
      out = Buffer.from(db.execProtocolRawSync(b.bytes));
    } catch (err) {
      // PostgreSQL's own errors come back as messages; this is PGlite itself failing.
      process.stderr.write(`regia: the embedded database failed: ${err?.stack ?? err}\n`);
      process.exit(1);
    }
    owner = db.isInTransaction() ? b.conn : null;
    if (!b.conn.closed) b.conn.socket.write(out);
    if (owner?.closed) await rollbackFor(owner);
    // Let batches that came in meanwhile arrive before choosing the next (an urgent one goes first).
    await new Promise((r) => setImmediate(r));
  }
  running = false;
  if (stopping && !queue.length) await stop();
}

async function rollbackFor(conn) {
  if (owner !== conn) return;
  owner = null;
  await db.exec('ROLLBACK').catch(() => {});
}

/** The startup packet's parameters (user, database, application_name...). */
function startupParams(packet) {
  const parts = packet.subarray(8).toString('utf8').split('\0');
  const out = {};
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) out[parts[i]] = parts[i + 1];
  return out;
}

function onData(conn, data) {
  conn.buf = conn.buf.length ? Buffer.concat([conn.buf, data]) : data;
  for (;;) {
    if (!conn.started) {
      if (conn.buf.length < 8) return;
      const len = conn.buf.readInt32BE(0);
      if (conn.buf.length < len) return;
      const code = conn.buf.readInt32BE(4);
      const packet = conn.buf.subarray(0, len);
      conn.buf = conn.buf.subarray(len);
      if (code === 80877103 || code === 80877104) {
        conn.socket.write('N'); // no SSL, no GSS encryption on a local socket
        continue;
      }
      if (code === 80877102) return conn.socket.destroy(); // cancel requests are not supported
      conn.started = true;
      conn.urgent = startupParams(packet).application_name === URGENT_APP;
      queue.push({ conn, bytes: packet });
      void drain();
      continue;
    }
    if (conn.buf.length < 5) return;
    const len = 1 + conn.buf.readInt32BE(1);
    if (conn.buf.length < len) return;
    const type = String.fromCharCode(conn.buf[0]);
    const msg = conn.buf.subarray(0, len);
    conn.buf = conn.buf.subarray(len);
    if (type === 'X') return conn.socket.end();
    conn.pending.push(msg);
    if (type === 'S' || type === 'Q') {
      queue.push({ conn, bytes: Buffer.concat(conn.pending) });
      conn.pending = [];
      void drain();
    }
  }
}

/** Stops after `ms` without connections (the first client, the one that started it, gets a while). */
function armIdle(ms = opts.idleMs) {
  clearTimeout(idleTimer);
  if (connections.size === 0 && opts.idleMs >= 0 && !stopping && !stopped) idleTimer = setTimeout(() => void stop(), ms);
}

const server = createServer((socket) => {
  const conn = { socket, buf: Buffer.alloc(0), pending: [], started: false, urgent: false, closed: false };
  connections.add(conn);
  clearTimeout(idleTimer);
  socket.on('data', (d) => onData(conn, d));
  socket.on('error', () => {});
  socket.on('close', () => {
    conn.closed = true;
    connections.delete(conn);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].conn === conn) queue.splice(i, 1);
    if (owner === conn && !running) void rollbackFor(conn);
    armIdle();
  });
});

let stopped = false;
async function stop() {
  stopping = true;
  if (running || stopped) return;
  stopped = true;
  clearTimeout(idleTimer);
  server.close();
  for (const c of connections) c.socket.destroy();
  // A clean close writes a shutdown checkpoint: the next start replays no WAL.
  await db.close().catch(() => {});
  rmSync(SOCKET, { force: true });
  if (lockFile && ownsLock()) rmSync(lockFile, { force: true });
  if (isMainThread) process.exit(0);
  else parentPort.close();
}

if (isMainThread) {
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
if (lockFile) {
  // The folder removed or taken over (a copy, a test's cleanup): stop rather than serve it.
  setInterval(() => {
    if (!ownsLock()) void stop();
  }, 2000).unref();
}

rmSync(SOCKET, { force: true }); // left by a server that is gone (the lock is ours)
mkdirSync(opts.socketDir, { recursive: true });
server.listen(SOCKET, () => {
  tell({ ready: true, pid: process.pid });
  if (isMainThread) process.disconnect?.();
  armIdle(Math.max(opts.idleMs, 30_000));
});
server.on('error', (err) => {
  tell({ error: errorOf(err) });
  void stop();
});
