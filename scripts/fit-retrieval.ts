/**
 * Fits retrieval's evidence weights (data/retrieval-weights.json) on the fused candidates of the
 * development questions of every programme in ../shared/eval, and prints hit@1/hit@5/MRR per
 * programme, fitted on all and across programmes (fitted on one, judged on the other).
 *   node bin/run-ts.js scripts/fit-retrieval.ts [--shared DIR] [--cache DIR] [--dry-run] [--check]
 * The candidates are the fused lists before any re-ranking, so no weights (the reader's or a
 * previous fit's) shape the data: one fit, reproducible; --check fails when the file differs.
 */
import { parseArgs } from 'node:util';
import { saveWeights } from './weights-file.ts';
import { evaluateRetrieval, fitRetrieval, type RetrievalExample } from '../src/core/retrieval/rerank-fit.ts';
import { RETRIEVAL_WEIGHTS_FILE } from '../src/core/retrieval/rerank-model.ts';
import { DEFAULT_SHARED, devProgrammes, openDevProgramme } from './reader-data.ts';
import { collectRetrievalExamples, retrievalCross, setName } from './retrieval-data.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shared: { type: 'string', default: DEFAULT_SHARED }, 'dry-run': { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, cache: { type: 'string' } } });
  const log = (m: string) => process.stderr.write(`[fit-retrieval] ${m}\n`);
  const byProgramme = new Map<string, RetrievalExample[]>();
  const fittedOn: string[] = [];
  for (const p of devProgrammes(values.shared!)) {
    log(`${p.name}: loading the programme and ingesting ${p.docs}`);
    const { app, close } = await openDevProgramme(p, values.cache);
    try {
      fittedOn.push(...p.qa.map(setName));
      byProgramme.set(p.name, await collectRetrievalExamples(app, p));
    } finally {
      await close();
    }
  }
  const weights = fitRetrieval([...byProgramme.values()].flat(), fittedOn);
  saveWeights(RETRIEVAL_WEIGHTS_FILE, weights, { check: values.check, dryRun: values['dry-run'] }, 'scripts/fit-retrieval.ts', log);
  const rows: Record<string, unknown>[] = [];
  for (const [name, ex] of byProgramme) rows.push({ fitted: 'all', judged: name, ...evaluateRetrieval(weights, ex) });
  for (const c of retrievalCross(byProgramme)) rows.push({ fitted: c.fittedOn, judged: c.judgedOn, ...c.scores });
  console.table(rows);
}

await main();
