/**
 * Retrieval and answer benchmark pieces: Regia's search/ask over the ingested corpus, and the two
 * baselines over LangChain's default character chunks (1000/200): BM25 in memory, and PostgreSQL
 * Italian full-text search. Scoring is done by the shared judge, score-qa.mjs, on JSONL files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { AppContext } from '../src/app.ts';
import { ask } from '../src/core/answer/ask.ts';
import { search } from '../src/core/retrieval/search.ts';

export interface QaItem {
  id: string;
  lang: 'it' | 'en';
  question: string;
  type: string;
}

export interface Hit {
  rank: number;
  source: string;
  text: string;
}

export interface SystemRun {
  name: string;
  /** JSONL lines in the `regia search --batch --json` shape. */
  searchLines: string[];
  /** JSONL lines in the `regia ask --batch --json` shape. */
  askLines: string[];
  searchMs: number[];
  askMs: number[];
}

export interface Scores {
  hit1: number;
  hit5: number;
  hit10: number;
  mrr: number;
  hit5It: number;
  hit5En: number;
  mrrIt: number;
  mrrEn: number;
  avgChunkChars: number;
  correct: number;
  correctIt: number;
  correctEn: number;
  falseAbstain: number;
  abstainRate: number;
  meanAnswerChars: number;
}

export function readQa(file: string): QaItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const out = await fn();
  return [out, Number(process.hrtime.bigint() - t) / 1e6];
}

/** Regia itself: hybrid search (k = 10) and the configured answer writer. */
export async function runRegia(app: AppContext, qa: QaItem[]): Promise<SystemRun> {
  const run: SystemRun = { name: 'Regia', searchLines: [], askLines: [], searchMs: [], askMs: [] };
  for (const q of qa) {
    const [results, sMs] = await timed(() => search(app, q.question, { k: 10 }));
    run.searchMs.push(sMs);
    run.searchLines.push(JSON.stringify({ id: q.id, results: results.map((r) => ({ rank: r.rank, score: r.score, source: r.source, title: r.title, section: r.section, text: r.text })) }));
    const [a, aMs] = await timed(() => ask(app, { question: q.question }));
    run.askMs.push(aMs);
    run.askLines.push(JSON.stringify({ id: q.id, answer: a.answer, abstained: a.abstained, intent: a.intent, citations: a.citations }));
  }
  return run;
}

export interface BaselineChunk {
  source: string;
  text: string;
}

/** LangChain's RecursiveCharacterTextSplitter with its defaults (1000 characters, 200 overlap). */
export async function baselineChunks(corpusDir: string): Promise<BaselineChunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const out: BaselineChunk[] = [];
  for (const f of readdirSync(corpusDir).sort()) {
    const text = readFileSync(join(corpusDir, f), 'utf8');
    for (const t of await splitter.splitText(text)) out.push({ source: f, text: t });
  }
  return out;
}

/** Okapi BM25 (k1 = 1.2, b = 0.75) over lower-cased Unicode word tokens: the textbook baseline. */
export class Bm25 {
  private readonly docs: Map<string, number>[];
  private readonly lengths: number[];
  private readonly df = new Map<string, number>();
  private readonly avgdl: number;
  constructor(
    private readonly chunks: BaselineChunk[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = chunks.map((c) => {
      const tf = new Map<string, number>();
      for (const t of Bm25.tokens(c.text)) tf.set(t, (tf.get(t) ?? 0) + 1);
      return tf;
    });
    this.lengths = this.docs.map((d) => [...d.values()].reduce((a, b) => a + b, 0));
    for (const d of this.docs) for (const t of d.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avgdl = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }
  static tokens(text: string): string[] {
    return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  }
  search(query: string, k: number): Hit[] {
    const n = this.docs.length;
    const terms = [...new Set(Bm25.tokens(query))];
    const scores = this.docs.map((d, i) => {
      let s = 0;
      for (const t of terms) {
        const f = d.get(t);
        if (!f) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.lengths[i]) / this.avgdl));
      }
      return { i, s };
    });
    return scores
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .slice(0, k)
      .map((x, r) => ({ rank: r + 1, source: this.chunks[x.i].source, text: this.chunks[x.i].text }));
  }
}

/** A retrieval-only baseline "answers" with its top chunk and never abstains. */
function baselineAnswer(id: string, hits: Hit[]): string {
  return JSON.stringify({ id, answer: hits[0]?.text ?? '', abstained: false, intent: 'fact', citations: hits.slice(0, 1).map((h) => ({ n: 1, source: h.source, section: '', quote: '' })) });
}

export async function runBm25(chunks: BaselineChunk[], qa: QaItem[]): Promise<SystemRun> {
  const bm25 = new Bm25(chunks);
  const run: SystemRun = { name: 'BM25 (LangChain 1000/200 chunks)', searchLines: [], askLines: [], searchMs: [], askMs: [] };
  for (const q of qa) {
    const [hits, ms] = await timed(async () => bm25.search(q.question, 10));
    run.searchMs.push(ms);
    run.askMs.push(ms);
    run.searchLines.push(JSON.stringify({ id: q.id, results: hits }));
    run.askLines.push(baselineAnswer(q.id, hits));
  }
  return run;
}

/**
 * PostgreSQL full-text search with the Italian configuration over the same chunks: the question's
 * lexemes OR-ed (an AND of every word finds almost nothing for natural questions), ranked by ts_rank_cd.
 */
export async function runPgFts(app: AppContext, chunks: BaselineChunk[], qa: QaItem[]): Promise<SystemRun> {
  const db = app.db;
  await db.exec(`DROP TABLE IF EXISTS bench_baseline_chunks;
    CREATE TABLE bench_baseline_chunks (id serial PRIMARY KEY, source text NOT NULL, text text NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('italian', text)) STORED);
    CREATE INDEX bench_baseline_chunks_tsv ON bench_baseline_chunks USING gin (tsv);`);
  for (let i = 0; i < chunks.length; i += 200) {
    const batch = chunks.slice(i, i + 200);
    const params: string[] = [];
    const rows = batch.map((c, j) => {
      params.push(c.source, c.text);
      return `($${2 * j + 1}, $${2 * j + 2})`;
    });
    await db.query(`INSERT INTO bench_baseline_chunks (source, text) VALUES ${rows.join(', ')}`, params);
  }
  const run: SystemRun = { name: 'PostgreSQL FTS italian (same chunks)', searchLines: [], askLines: [], searchMs: [], askMs: [] };
  for (const q of qa) {
    const [hits, ms] = await timed(async () => {
      const rows = await db.query<{ source: string; text: string }>(
        `WITH q AS (SELECT to_tsquery('italian', replace(plainto_tsquery('italian', $1)::text, ' & ', ' | ')) AS q)
         SELECT c.source, c.text FROM bench_baseline_chunks c, q
         WHERE querytree(q.q) <> 'T' AND c.tsv @@ q.q
         ORDER BY ts_rank_cd(c.tsv, q.q) DESC, c.id LIMIT 10`,
        [q.question],
      );
      return rows.map((r, i) => ({ rank: i + 1, source: r.source, text: r.text }));
    });
    run.searchMs.push(ms);
    run.askMs.push(ms);
    run.searchLines.push(JSON.stringify({ id: q.id, results: hits }));
    run.askLines.push(baselineAnswer(q.id, hits));
  }
  await db.exec(`DROP TABLE IF EXISTS bench_baseline_chunks`);
  return run;
}

/** Scores a run with the shared judge (score-qa.mjs), per language too. */
export function score(run: SystemRun, qaFile: string, scorer: string, workDir: string): Scores {
  const tag = run.name.replace(/\W+/g, '-').toLowerCase();
  const all = readQa(qaFile);
  const judge = (items: QaItem[], suffix: string) => {
    const qaPath = join(workDir, `qa-${suffix}.jsonl`);
    const ids = new Set(items.map((q) => q.id));
    writeFileSync(qaPath, `${readFileSync(qaFile, 'utf8').split('\n').filter((l) => l.trim() && ids.has(JSON.parse(l).id)).join('\n')}\n`);
    const s = join(workDir, `${tag}-search.jsonl`);
    const a = join(workDir, `${tag}-ask.jsonl`);
    writeFileSync(s, `${run.searchLines.join('\n')}\n`);
    writeFileSync(a, `${run.askLines.join('\n')}\n`);
    return JSON.parse(execFileSync(process.execPath, [scorer, qaPath, '--search', s, '--ask', a, '--json'], { encoding: 'utf8' }));
  };
  const overall = judge(all, 'all');
  const it = judge(all.filter((q) => q.lang === 'it'), 'it');
  const en = judge(all.filter((q) => q.lang === 'en'), 'en');
  return {
    hit1: overall.search.hit1,
    hit5: overall.search.hit5,
    hit10: overall.search.hit10,
    mrr: overall.search.mrr,
    hit5It: it.search.hit5,
    hit5En: en.search.hit5,
    mrrIt: it.search.mrr,
    mrrEn: en.search.mrr,
    avgChunkChars: overall.search.avg_chunk_chars,
    correct: overall.ask.correct,
    correctIt: it.ask.correct,
    correctEn: en.ask.correct,
    falseAbstain: overall.ask.false_abstain,
    abstainRate: overall.ask.abstain_rate,
    meanAnswerChars: overall.ask.mean_answer_chars,
  };
}
