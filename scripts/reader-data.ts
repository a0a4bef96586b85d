/**
 * The development data the reader is fitted and judged on: each programme of ../shared/eval
 * ingested into a throwaway embedded database, and its questions read as `regia ask` reads them.
 * Used by scripts/fit-reader.ts and by the bench.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type AppContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { ingestPaths } from '../ingest/pipeline.ts';
import { loadProgramme, parseProgrammeFile } from '../src/programme/load.ts';
import { gather } from '../src/core/answer/ask.ts';
import { evidenceOf } from '../src/core/answer/reader/evidence.ts';
import { rankCandidates } from '../src/core/answer/reader/reader.ts';
import { evaluateReader, fitReader, toExample, type ReaderExample } from '../src/core/answer/reader/fit.ts';
import { neutralWeights, useReaderWeights, type ReaderWeights } from '../src/core/answer/reader/model.ts';

import { readJsonl, type DevProgramme } from './dev-programmes.ts';

export { DEFAULT_SHARED, devProgrammes, readJsonl, type DevProgramme } from './dev-programmes.ts';

interface QaLine {
  id: string;
  lang: 'it' | 'en';
  question: string;
  answer_any: string[];
  type: string;
}


/** Opens a throwaway embedded database with the programme loaded and its documents ingested. */
export async function openDevProgramme(p: DevProgramme, cacheDir?: string): Promise<{ app: AppContext; close: () => Promise<void> }> {
  // With a cache directory, an ingested programme is kept and reused (for iterating on the reader).
  const dir = cacheDir ? join(cacheDir, p.name) : mkdtempSync(join(tmpdir(), `regia-reader-${p.name}-`));
  const fresh = !cacheDir || !existsSync(dir);
  const env = { ...process.env, REGIA_DATA_DIR: dir, DATABASE_URL: '', LLM_MODEL: '', OPENAI_BASE_URL: '', EMBEDDING_MODEL: '', REGIA_DEMO: 'off', LOG_LEVEL: 'warn' };
  const app = await openApp(loadConfig(env, { dotenv: false }), createLogger('warn'));
  if (fresh) {
    await loadProgramme(app.db, parseProgrammeFile(p.programmeFile));
    await ingestPaths(app, [p.docs]);
  }
  return {
    app,
    close: async () => {
      await app.close();
      if (!cacheDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every question of a programme's sets, read as `ask` reads it, labelled for fitting. */
export async function collectExamples(app: AppContext, p: DevProgramme): Promise<ReaderExample[]> {
  const out: ReaderExample[] = [];
  for (const file of p.qa) {
    const set = file.split('/').slice(-2).join('/');
    for (const q of readJsonl<QaLine>(file)) {
      const input = await gather(app, { question: q.question });
      const documents = 'answer' in input ? [] : input.passages.filter((x) => x.kind !== 'update');
      const ranked = 'answer' in input ? [] : rankCandidates(input.analysis, documents);
      const evidence = 'answer' in input ? [] : evidenceOf(input.analysis, ranked.map((s) => s.candidate), documents);
      out.push(toExample({ programme: p.name, set, id: q.id, lang: q.lang, answerable: q.type !== 'unanswerable' }, ranked, evidence, q.answer_any));
    }
  }
  return out;
}

const ROUNDS = 2;

export interface CrossResult {
  fittedOn: string;
  judgedOn: string;
  scores: ReturnType<typeof evaluateReader>;
}

/** Fits on all programmes; then, per pair, on one programme alone and judges it on the other. */
export async function fitAll(opened: { p: DevProgramme; app: AppContext }[], log: (m: string) => void): Promise<{ weights: ReaderWeights; examples: Map<string, ReaderExample[]>; cross: CrossResult[] }> {
  const examples = new Map<string, ReaderExample[]>();
  let weights: ReaderWeights | undefined;
  // Always from neutral weights, never from the file's: retrieval re-ranks with the reader, so a
  // fit started from the previous weights depended on them (two fits of the same data differed).
  useReaderWeights(neutralWeights());
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { p, app } of opened) examples.set(p.name, await collectExamples(app, p));
    weights = fitReader([...examples.values()].flat(), opened.flatMap(({ p }) => p.qa.map((f) => f.split('/').slice(-2).join('/'))));
    useReaderWeights(weights);
    log(`round ${round}: fitted on ${[...examples.values()].flat().length} questions`);
  }
  const cross: CrossResult[] = [];
  for (const a of opened) {
    for (const b of opened) {
      if (a === b) continue;
      const own = fitReader(examples.get(a.p.name)!, a.p.qa);
      useReaderWeights(own);
      const judged = await collectExamples(b.app, b.p);
      cross.push({ fittedOn: a.p.name, judgedOn: b.p.name, scores: evaluateReader(own, judged) });
    }
  }
  useReaderWeights(weights);
  return { weights: weights!, examples, cross };
}

