/**
 * Fits retrieval's evidence weights (data/retrieval-weights.json) on the fused candidates of the
 * development questions of every programme in ../shared/eval, and prints hit@1/hit@5/MRR per
 * programme, fitted on all and across programmes (fitted on one, judged on the other).
 *   node bin/run-ts.js scripts/fit-retrieval.ts [--shared DIR] [--cache DIR] [--dry-run] [--check]
 * The candidates are the fused lists before any re-ranking, so no weights (the reader's or a
 * previous fit's) shape the data: one fit, reproducible; --check fails when the file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeQuery } from '../src/core/retrieval/query.ts';
import { fusedCandidates, RERANK_POOL } from '../src/core/retrieval/search.ts';
import { evaluateRetrieval, fitRetrieval, holdsEvidence, type RetrievalExample } from '../src/core/retrieval/rerank-fit.ts';
import { RETRIEVAL_WEIGHTS_FILE } from '../src/core/retrieval/rerank-model.ts';
import { boundQuestion } from '../src/core/text-bounds.ts';
import { DEFAULT_SHARED, devProgrammes, openDevProgramme, readJsonl } from './reader-data.ts';

interface QaLine {
  id: string;
  question: string;
  evidence: string;
  answer_any: string[];
  type: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shared: { type: 'string', default: DEFAULT_SHARED }, 'dry-run': { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, cache: { type: 'string' } } });
  const log = (m: string) => process.stderr.write(`[fit-retrieval] ${m}\n`);
  const byProgramme = new Map<string, RetrievalExample[]>();
  const fittedOn: string[] = [];
  for (const p of devProgrammes(values.shared!)) {
    log(`${p.name}: loading the programme and ingesting ${p.docs}`);
    const { app, close } = await openDevProgramme(p, values.cache);
    try {
      const programme = await app.programme();
      const examples: RetrievalExample[] = [];
      for (const file of p.qa) {
        fittedOn.push(file.split('/').slice(-2).join('/'));
        for (const item of readJsonl<QaLine>(file)) {
          if (item.type === 'unanswerable') continue;
          const q = analyzeQuery(boundQuestion(item.question), programme);
          const fused = await fusedCandidates(app, q, { programme }, RERANK_POOL);
          examples.push({ id: item.id, programme: p.name, q, answers: item.answer_any, rows: fused.map((r) => ({ ...r, relevant: holdsEvidence(r.text, item.evidence) })) });
        }
      }
      byProgramme.set(p.name, examples);
    } finally {
      await close();
    }
  }
  const all = [...byProgramme.values()].flat();
  const weights = fitRetrieval(all, fittedOn);
  const text = `${JSON.stringify(weights, null, 1)}\n`;
  if (values.check) {
    if (readFileSync(RETRIEVAL_WEIGHTS_FILE, 'utf8') !== text) throw new Error('data/retrieval-weights.json is not what the development data gives: run scripts/fit-retrieval.ts');
    log('weights file matches the fit');
  } else if (!values['dry-run']) writeFileSync(RETRIEVAL_WEIGHTS_FILE, text);
  const rows: Record<string, unknown>[] = [];
  for (const [name, ex] of byProgramme) rows.push({ fitted: 'all', judged: name, ...evaluateRetrieval(weights, ex) });
  for (const [a, exA] of byProgramme) {
    const own = fitRetrieval(exA, [a]);
    for (const [b, exB] of byProgramme) if (a !== b) rows.push({ fitted: a, judged: b, ...evaluateRetrieval(own, exB) });
  }
  console.table(rows);
  if (!values.check) log(values['dry-run'] ? 'dry run: weights not written' : `weights written to ${RETRIEVAL_WEIGHTS_FILE.pathname}`);
}

await main();
