/**
 * Fits the reader's weights (data/reader-weights.json) on the development questions of every
 * programme in ../shared/eval, and prints how they do per set and across programmes (fitted on
 * one programme, judged on the other) and per question set (fitted on the other sets).
 *   node bin/run-ts.js scripts/fit-reader.ts [--shared DIR] [--dry-run] [--check]
 * --check fits again and fails when the result differs from the weights file (reproducibility).
 * --cache DIR keeps the ingested programmes between runs; --examples FILE writes what was fitted on.
 * Retrieval re-ranks with the reader, so fitting runs twice from neutral weights: the second fit
 * sees the passages the first one's weights bring.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { saveWeights } from './weights-file.ts';
import { evaluateReader, fitReader } from '../src/core/answer/reader/fit.ts';
import { WEIGHTS_FILE } from '../src/core/answer/reader/model.ts';
import { DEFAULT_SHARED, devProgrammes, fitAll, openDevProgramme, type DevProgramme } from './reader-data.ts';
import type { AppContext } from '../src/app.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shared: { type: 'string', default: DEFAULT_SHARED }, 'dry-run': { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, cache: { type: 'string' }, examples: { type: 'string' } } });
  const log = (m: string) => process.stderr.write(`[fit-reader] ${m}\n`);
  const opened: { p: DevProgramme; app: AppContext; close: () => Promise<void> }[] = [];
  try {
    for (const p of devProgrammes(values.shared!)) {
      log(`${p.name}: loading the programme and ingesting ${p.docs}`);
      opened.push({ p, ...(await openDevProgramme(p, values.cache)) });
    }
    const { weights, examples, cross } = await fitAll(opened, log);
    if (values.examples) writeFileSync(values.examples, JSON.stringify(Object.fromEntries(examples)));
    saveWeights(WEIGHTS_FILE, weights, { check: values.check, dryRun: values['dry-run'] }, 'scripts/fit-reader.ts', log);
    const rows: Record<string, unknown>[] = [];
    for (const [name, ex] of examples) {
      for (const set of [...new Set(ex.map((e) => e.set))]) rows.push({ fitted: 'all', judged: set, ...evaluateReader(weights, ex.filter((e) => e.set === set)) });
      rows.push({ fitted: 'all', judged: name, ...evaluateReader(weights, ex) });
    }
    for (const c of cross) rows.push({ fitted: c.fittedOn, judged: c.judgedOn, ...c.scores });
    // Each question set judged by weights fitted on the other sets of both programmes (on the
    // passages retrieved with the weights fitted on all: retrieval is not run again).
    const all = [...examples.values()].flat();
    for (const set of [...new Set(all.map((e) => e.set))]) {
      const others = all.filter((e) => e.set !== set);
      const held = fitReader(others, [...new Set(others.map((e) => e.set))]);
      rows.push({ fitted: `all but ${set}`, judged: set, ...evaluateReader(held, all.filter((e) => e.set === set)) });
    }
    console.table(rows);
  } finally {
    for (const o of opened) await o.close();
  }
}

await main();
