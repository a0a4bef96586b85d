import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseError } from './errors.ts';
import { processAlive } from './process.ts';
import { SESSION_SETTINGS } from './vector-index.ts';

// Starting and stopping the embedded database's server (pglite-server.mjs). Kept apart from the
// client (db/client.ts, which loads `pg`) so that a CLI call can start the server first thing,
// before its other modules load: see src/cli/prestart.ts.

export const SERVER = new URL('./pglite-server.mjs', import.meta.url);

/**
 * Where the server of `dir` listens: in the folder, unless that path is too long for a Unix
 * socket (about 100 bytes), then in a folder of the system's temporary space named after it.
 */
export function socketDirFor(dir: string): string {
  if (Buffer.byteLength(join(dir, '.s.PGSQL.5432')) < 100) return dir;
  return join(tmpdir(), `regia-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`);
}

/**
 * PGlite's page buffers, by how long its server is expected to live. PGlite zeroes them in
 * WebAssembly at every start (and they are resident from then on), so their size is start time and
 * memory, but pages beyond them are read through Node's file system one 8 kB read at a time. A
 * server that stays up (a lingering one, or one started for `regia serve`/`start`/`chat`/`board`)
 * gets 128 MB: at 20,000 chunks (HNSW index 155 MB), against 256 MB, its resident memory after the
 * 78 development searches was 324-377 against 465-495 MB and its CPU per search 18.7-20.7 against
 * 16.7-22.0 ms. A server for one command gets 32 MB: its start took 0.53-0.56 s of CPU against
 * 0.59-0.65 s with 128 MB, 199 against 300 MB resident (4 runs each). Same runs, loaded machine.
 */
export function bufferSize(longLived: boolean): string {
  return longLived ? '128MB' : '32MB';
}

/**
 * V8 options of the server process. PostgreSQL's WebAssembly is compiled first by V8's baseline
 * compiler (Liftoff); functions that have run long enough are compiled again by the optimising one
 * (TurboFan), on the same two cores. PGlite's start runs many functions just past V8's default
 * budget that never run hot again: at 20,000 chunks, opening PGlite and running Regia's first
 * statements took 1.02 s of CPU, 0.64 s with a budget 100 times larger (Liftoff alone: 0.50 s),
 * resident memory 340 -> 303 MB. The functions that stay hot (an HNSW build, searches) are still
 * optimised: rebuilding the 20,000-vector HNSW index took 5.8-6.4 s of CPU, 6.3 s with it
 * (Liftoff alone 8.8-9.5 s). Same runs, loaded machine.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--wasm-tiering-budget=180000000'];

/** What the server says first: it listens, another process's server holds the folder, or it failed. */
export type ServerHello = { ready: true } | { running: number } | { error: { message: string } };

/**
 * Starts the server of folder `dir` as a process of its own, which outlives this one and stops
 * after `idleMs` without clients. Its messages go to `regia-db.log` in the folder.
 */
export async function startServer(dir: string, socketDir: string, idleMs: number, longLived = idleMs > 0): Promise<ServerHello> {
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, 'regia-db.log'), 'a');
  const settings = { dataDir: dir, socketDir, idleMs, sharedBuffers: bufferSize(longLived), settings: SESSION_SETTINGS };
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, fileURLToPath(SERVER), JSON.stringify(settings)], {
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  try {
    return await new Promise<ServerHello>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ServerHello));
      child.once('error', reject);
      child.once('exit', (code) => {
        const tail = readFileSync(join(dir, 'regia-db.log'), 'utf8').trim().split('\n').slice(-3).join(' ');
        reject(new DatabaseError(`the embedded database's server stopped (exit code ${code}): ${tail}`));
      });
    });
  } finally {
    child.removeAllListeners();
    if (child.connected) child.disconnect();
    child.unref();
  }
}

/** Servers this process started and may not have heard from yet, by folder. */
const launching = new Map<string, Promise<ServerHello>>();

/** The start of `dir`'s server this process began and has not yet waited for (then forgotten). */
export function takeLaunch(dir: string): Promise<ServerHello> | undefined {
  const started = launching.get(dir);
  launching.delete(dir);
  return started;
}

/**
 * Starts the server of folder `dir` unless it is running, without waiting: a CLI call does so
 * first thing, so that PGlite opens while the command's own modules load. `longLived`: the command
 * runs until stopped (a service, a chat), so the server will too.
 */
export function startEmbeddedServer(dir: string, idleMs: number, longLived = idleMs > 0): void {
  dir = resolve(dir);
  if (launching.has(dir)) return;
  try {
    const pid = Number(readFileSync(join(dir, 'regia.lock'), 'utf8').trim());
    if (pid && processAlive(pid)) return;
  } catch {
    /* no lock: no server */
  }
  const started = startServer(dir, socketDirFor(dir), idleMs, longLived);
  started.catch(() => {}); // reported by the open that waits for it
  launching.set(dir, started);
}

/**
 * Stops the server of folder `dir` if one is running (PostgreSQL closed cleanly) and waits for it
 * to go: before a folder is removed or copied, or to measure a first open.
 */
export async function stopEmbeddedServer(dir: string, timeoutMs = 30_000): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(resolve(dir), 'regia.lock'), 'utf8').trim());
  } catch {
    return;
  }
  if (!pid || pid === process.pid || !processAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (const end = Date.now() + timeoutMs; processAlive(pid); ) {
    if (Date.now() > end) throw new DatabaseError(`the embedded database's server (pid ${pid}) did not stop within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
