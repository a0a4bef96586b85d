// The embedded database (PGlite) on a thread of its own. PGlite runs every statement on the
// thread that owns it; on the main thread a long search stops everything else, acknowledgements
// of chat requests included. Here the main thread only posts statements and gets rows back
// (db/client.ts). Plain JavaScript: a worker thread does not inherit the TypeScript loader.
//
// Statements run one at a time, in order, except that urgent ones (an acknowledgement's claim)
// go before the others waiting. While a transaction is open only its own statements run.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';

// PostgreSQL's WebAssembly (9 MB) is compiled by V8's background threads while this thread loads
// PGlite's JavaScript, instead of after it.
const wasmUrl = new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite'));
const compiling = readFile(wasmUrl).then((bytes) => WebAssembly.compile(bytes));
compiling.catch(() => {}); // PGlite.create reports a failure below
const { PGlite, types } = await import('@electric-sql/pglite');
const { vector } = await import('@electric-sql/pglite-pgvector');

const parsers = {
  [types.INT8]: (v) => Number(v),
  [types.NUMERIC]: (v) => Number(v),
  [types.DATE]: (v) => v,
};

/** What a failed statement sends back: the message and PostgreSQL's fields (code, detail...). */
function errorOf(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error' };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
}

/**
 * PGlite's shared memory is zeroed by WebAssembly code at every start, so its size is start time:
 * PostgreSQL's defaults (128 MB of buffers, 100 connections) cost about a second there. The one
 * backend needs a few connection slots; 32 MB of buffers measured the same search CPU at 20,000
 * chunks as 128 MB (pages beyond them come from the OS's file cache).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', '-c', 'max_connections=8'];

let db;
try {
  db = await PGlite.create({
    dataDir: workerData.dataDir ?? undefined,
    extensions: { vector },
    parsers,
    startParams: START_PARAMS,
    pgliteWasmModule: await compiling,
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: errorOf(err) });
  process.exit(0);
}

const urgent = [];
const normal = [];
/** The transaction holding the database (its id), or null. */
let inTx = null;
let running = false;

function next() {
  const pick = (q) => {
    const i = inTx === null ? (q.length ? 0 : -1) : q.findIndex((m) => m.tx === inTx);
    return i < 0 ? undefined : q.splice(i, 1)[0];
  };
  return pick(urgent) ?? pick(normal);
}

async function run(m) {
  switch (m.op) {
    case 'query':
      return (await db.query(m.sql, m.params ?? [])).rows;
    case 'exec':
      await db.exec(m.sql);
      return null;
    case 'begin':
      await db.exec('BEGIN');
      inTx = m.tx;
      return null;
    case 'commit':
    case 'rollback':
      inTx = null;
      await db.exec(m.op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      return null;
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${m.op}`);
  }
}

async function drain() {
  if (running) return;
  running = true;
  // PGlite runs a statement without giving the thread back: let the messages that came in
  // meanwhile arrive before choosing the next one, so an urgent one can go first.
  const arrivals = () => new Promise((r) => setImmediate(r));
  for (let m = next(); m; await arrivals(), m = next()) {
    try {
      parentPort.postMessage({ id: m.id, ok: true, rows: await run(m) });
    } catch (err) {
      if (m.op === 'begin') inTx = null;
      parentPort.postMessage({ id: m.id, ok: false, error: errorOf(err) });
    }
  }
  running = false;
}

parentPort.on('message', (m) => {
  (m.urgent ? urgent : normal).push(m);
  void drain();
});
