/**
 * Lexical retrieval before and after, on the same database in the same run: the rarest-terms
 * lists search runs now, and the OR query over the whole table it replaced (the baseline). For
 * each: time of the Italian and simple lists together, and whether a chunk holding the question's
 * evidence is among the candidates they hand to the fusion.
 */
import { readFileSync } from 'node:fs';
import type { AppContext } from '../src/app.ts';
import { analyzeQuery } from '../src/core/retrieval/query.ts';
import { COLUMN, CORPUS_CTE, lexicalCtes, type FtsConfig } from '../src/core/retrieval/lexical.ts';
import { lexicalQueries } from '../src/core/retrieval/search.ts';
import { percentile, type QaItem } from './retrieval.ts';

const CANDIDATES = 60;

export interface LexicalComparison {
  queries: number;
  capped: { p50: number; p95: number; recall: number };
  scan: { p50: number; p95: number; recall: number };
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

async function timedIds(app: AppContext, sql: string, params: unknown[]): Promise<[number[], number]> {
  const t = process.hrtime.bigint();
  const rows = await app.db.query<{ id: number }>(sql, params);
  return [rows.map((r) => r.id), Number(process.hrtime.bigint() - t) / 1e6];
}

export async function compareLexical(app: AppContext, qa: QaItem[], qaFiles: string[]): Promise<LexicalComparison> {
  const evidence = evidenceById(qaFiles);
  const programme = await app.programme();
  const result = { capped: { ms: [] as number[], found: 0 }, scan: { ms: [] as number[], found: 0 } };
  let answerable = 0;
  for (const item of qa) {
    const queries = lexicalQueries(analyzeQuery(item.question, programme));
    for (const [name, make] of [['capped', cappedSql], ['scan', scanSql]] as const) {
      const ids = new Set<number>();
      let ms = 0;
      for (const config of ['italian', 'simple'] as const) {
        const [found, t] = await timedIds(app, make(config), [queries[config], CANDIDATES]);
        for (const id of found) ids.add(id);
        ms += t;
      }
      result[name].ms.push(ms);
      const ev = evidence.get(item.id);
      if (ev && ids.size) {
        const rows = await app.db.query<{ text: string }>(`SELECT text FROM chunks WHERE id = ANY($1::bigint[])`, [[...ids]]);
        if (rows.some((r) => normalise(r.text).includes(ev))) result[name].found++;
      }
    }
    if (evidence.has(item.id)) answerable++;
  }
  const summary = (r: { ms: number[]; found: number }) => ({ p50: percentile(r.ms, 50), p95: percentile(r.ms, 95), recall: r.found / Math.max(1, answerable) });
  return { queries: qa.length, capped: summary(result.capped), scan: summary(result.scan) };
}
