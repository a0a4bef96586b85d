/**
 * Lexical retrieval before and after, on the same database in the same run: the rarest-terms
 * lists search runs now, the OR query over the whole table it replaced (the baseline), and the
 * alternative tried, BM25 sparse vectors with an HNSW index (scale-sparse.ts). For each: time of the Italian and simple lists together, and whether a chunk holding the question's
 * evidence is among the candidates they hand to the fusion.
 */
import { readFileSync } from 'node:fs';
import type { AppContext } from '../src/app.ts';
import { analyzeQuery } from '../src/core/retrieval/query.ts';
import { COLUMN, CORPUS_CTE, lexicalCtes, type FtsConfig } from '../src/core/retrieval/lexical.ts';
import { lexicalQueries } from '../src/core/retrieval/search.ts';
import { percentile, type QaItem } from './retrieval.ts';
import { buildSparse, sparseSql } from './scale-sparse.ts';
import { withEfSearch } from '../db/vector-index.ts';
import type { Row } from '../db/client.ts';

const CANDIDATES = 60;

export interface MethodFigures {
  p50: number;
  p95: number;
  recall: number;
  /** Shared buffers hit + read by the slowest question's statements (EXPLAIN ANALYZE, BUFFERS). */
  slowestBuffers: number;
  slowestQuestion: string;
}

/** Per method (rarest terms, the OR scan it replaced, sparse BM25 vectors): see compareLexical. */
export interface LexicalComparison {
  queries: number;
  methods: Record<string, MethodFigures>;
  /** Seconds to build the sparse vectors and their index after ingestion. */
  sparseBuildSeconds: number;
}

function cappedSql(config: FtsConfig): string {
  return `WITH ${CORPUS_CTE}, ${lexicalCtes('l', config, '$1', '$2', '')} SELECT id FROM l ORDER BY r`;
}

/** The statement lexical retrieval used before (the baseline). */
function scanSql(config: FtsConfig): string {
  const col = COLUMN[config];
  return `SELECT c.id FROM chunks c WHERE c.${col} @@ to_tsquery('${config}', $1)
    ORDER BY ts_rank(c.${col}, to_tsquery('${config}', $1), 1) DESC, c.id LIMIT $2`;
}

/** As score-qa.mjs compares: lower case, hyphenated line breaks joined, whitespace collapsed. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/-\n\s*/g, '').replace(/\s+/g, ' ').trim();
}

function evidenceById(files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const item = JSON.parse(line);
      if (item.evidence) out.set(item.id, normalise(item.evidence));
    }
  }
  return out;
}

interface Method {
  sql(config: FtsConfig): string;
  /** hnsw.ef_search for the statement, when it scans an HNSW index. */
  efSearch?: number;
}

const SPARSE: Record<string, Method> = {
  'sparse ef=60': { sql: sparseSql, efSearch: CANDIDATES },
  'sparse ef=400': { sql: sparseSql, efSearch: 400 },
};
/** BENCH_SCALE_SPARSE=0 leaves out the sparse alternative (and the minutes its build takes). */
const withSparse = () => process.env.BENCH_SCALE_SPARSE !== '0';
const methodsToRun = (): Record<string, Method> => ({ capped: { sql: cappedSql }, scan: { sql: scanSql }, ...(withSparse() ? SPARSE : {}) });

async function run(app: AppContext, m: Method, sql: string, params: unknown[], explain = false): Promise<Row[]> {
  const text = explain ? `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}` : sql;
  return m.efSearch ? withEfSearch(app.db, m.efSearch, (tx) => tx.query(text, params)) : app.db.query(text, params);
}

/** Shared buffers (hit + read) of a plan, from EXPLAIN's JSON. */
function buffers(rows: Row[]): number {
  const raw = Object.values(rows[0])[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan;
  return Number(plan['Shared Hit Blocks'] ?? 0) + Number(plan['Shared Read Blocks'] ?? 0);
}

export async function compareLexical(app: AppContext, qa: QaItem[], qaFiles: string[], log: (m: string) => void): Promise<LexicalComparison> {
  const evidence = evidenceById(qaFiles);
  const METHODS = methodsToRun();
  let sparseBuildSeconds = Number.NaN;
  if (withSparse()) {
    log('building the sparse BM25 vectors and their index (the alternative tried)');
    sparseBuildSeconds = await buildSparse(app);
  }
  const programme = await app.programme();
  const result = Object.fromEntries(Object.keys(METHODS).map((k) => [k, { ms: [] as number[], found: 0, slowest: { ms: -1, queries: { italian: '', simple: '' }, question: '' } }]));
  let answerable = 0;
  for (const item of qa) {
    const queries = lexicalQueries(analyzeQuery(item.question, programme));
    for (const [name, method] of Object.entries(METHODS)) {
      const ids = new Set<number>();
      let ms = 0;
      for (const config of ['italian', 'simple'] as const) {
        const t = process.hrtime.bigint();
        const rows = await run(app, method, method.sql(config), [queries[config], CANDIDATES]);
        ms += Number(process.hrtime.bigint() - t) / 1e6;
        for (const r of rows) ids.add(r.id);
      }
      const r = result[name];
      r.ms.push(ms);
      if (ms > r.slowest.ms) r.slowest = { ms, queries, question: item.question };
      const ev = evidence.get(item.id);
      if (ev && ids.size) {
        const rows = await app.db.query<{ text: string }>(`SELECT text FROM chunks WHERE id = ANY($1::bigint[])`, [[...ids]]);
        if (rows.some((row) => normalise(row.text).includes(ev))) r.found++;
      }
    }
    if (evidence.has(item.id)) answerable++;
  }
  const methods: Record<string, MethodFigures> = {};
  for (const [name, method] of Object.entries(METHODS)) {
    const r = result[name];
    let slowestBuffers = 0;
    for (const config of ['italian', 'simple'] as const) {
      slowestBuffers += buffers(await run(app, method, method.sql(config), [r.slowest.queries[config], CANDIDATES], true));
    }
    methods[name] = { p50: percentile(r.ms, 50), p95: percentile(r.ms, 95), recall: r.found / Math.max(1, answerable), slowestBuffers, slowestQuestion: r.slowest.question };
  }
  return { queries: qa.length, methods, sparseBuildSeconds };
}
