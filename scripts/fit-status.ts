/**
 * Fits the update parser's status classifier (data/status-weights.json) on the update sets of
 * every development programme in ../shared/eval plus the generic phrasings of
 * data/status-phrases.jsonl, and prints, in the same run, the fitted classifier against the cue
 * patterns per set and across programmes (fitted on one programme only, judged on the other).
 *   node bin/run-ts.js scripts/fit-status.ts [--shared DIR] [--dry-run] [--check] [--no-phrases]
 * --check fits again and fails when the result differs from the weights file (reproducibility).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { STATUS_WEIGHTS_FILE } from '../src/core/updates/status-classifier.ts';
import { crossProgramme, fitOnProgrammes } from './status-data.ts';
import { DEFAULT_SHARED, scoreProgramme, updateProgrammes } from './updates-data.ts';

const f3 = (n: number) => n.toFixed(3);

function main(): number {
  const { values } = parseArgs({ options: { shared: { type: 'string', default: DEFAULT_SHARED }, 'dry-run': { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, 'no-phrases': { type: 'boolean', default: false } } });
  const log = (m: string) => process.stderr.write(`[fit-status] ${m}\n`);
  const programmes = updateProgrammes(values.shared);
  const phrases = !values['no-phrases'];
  const weights = fitOnProgrammes(programmes, phrases);
  const text = `${JSON.stringify(weights, null, 1)}\n`;
  if (values.check) {
    const same = readFileSync(STATUS_WEIGHTS_FILE, 'utf8') === text;
    log(same ? 'the weights file is what this data gives' : 'the weights file differs from what this data gives');
    return same ? 0 : 1;
  }
  const rows: Record<string, string>[] = [];
  for (const p of programmes) {
    const fitted = scoreProgramme(p, weights);
    const cues = scoreProgramme(p, 'cues');
    fitted.forEach((r, i) => {
      for (const [system, s] of [['fitted (all)', r.scores], ['cue patterns', cues[i].scores]] as const) {
        rows.push({ set: r.set, system, n: String(s.n), project: f3(s.project), status: f3(s.status), progress: f3(s.progress), has_blockers: f3(s.has_blockers), due_date: f3(s.due_date), all: f3(s.all) });
      }
      for (const m of r.scores.misses) log(`fitted miss ${m}`);
    });
  }
  console.table(rows);
  console.table(crossProgramme(programmes, phrases).map((c) => ({ 'fitted on': c.fittedOn, 'judged on': c.judgedOn, n: c.n, 'status fitted': f3(c.fitted), 'status cue patterns': f3(c.cues), 'progress fitted': f3(c.progressFitted), 'progress cue patterns': f3(c.progressCues) })));
  if (!values['dry-run']) {
    writeFileSync(STATUS_WEIGHTS_FILE, text);
    log(`weights written to ${STATUS_WEIGHTS_FILE.pathname}`);
  } else log('dry run: weights not written');
  return 0;
}

process.exitCode = main();
