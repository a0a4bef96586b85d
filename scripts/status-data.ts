/**
 * Fitting the status classifier on the development programmes, and judging it across them:
 * fitted on one programme's update sets, scored on the other's, against the cue patterns in the
 * same run. Used by scripts/fit-status.ts and by the bench.
 */
import type { StatusWeights } from '../src/core/updates/status-classifier.ts';
import { fitStatusClassifier } from '../src/core/updates/status-fit.ts';
import { phraseExamples, scoreProgramme, statusAccuracy, statusExamples, type UpdateProgramme } from './updates-data.ts';

/** Weights fitted on the update sets of these programmes (and the generic phrasings). */
export function fitOnProgrammes(programmes: UpdateProgramme[], phrases = true): StatusWeights {
  const examples = [...programmes.flatMap(statusExamples), ...(phrases ? phraseExamples() : [])];
  const fittedOn = [...programmes.flatMap((p) => p.sets.map((s) => s.name)), ...(phrases ? ['status-phrases.jsonl'] : [])];
  return fitStatusClassifier(examples, fittedOn);
}

export interface StatusCross {
  fittedOn: string;
  judgedOn: string;
  n: number;
  /** Status accuracy of the classifier fitted on the other programme, and of the cue patterns. */
  fitted: number;
  cues: number;
  progressFitted: number;
  progressCues: number;
}

/**
 * Each programme judged by weights fitted without it: on the other programme's sets (with the
 * generic phrasings unless `phrases` is false), and on the generic phrasings alone.
 */
export function crossProgramme(programmes: UpdateProgramme[], phrases = true): StatusCross[] {
  const out: StatusCross[] = [];
  const fits = programmes.map((a) => ({ name: a.name, weights: fitOnProgrammes([a], phrases), fittedOn: a as UpdateProgramme | null }));
  if (phrases) fits.push({ name: 'generic phrasings only', weights: fitOnProgrammes([], true), fittedOn: null });
  for (const { name, weights, fittedOn } of fits) {
    for (const b of programmes) {
      if (fittedOn === b) continue;
      const fitted = scoreProgramme(b, weights);
      const cues = scoreProgramme(b, 'cues');
      const n = fitted.reduce((s, r) => s + r.scores.n, 0);
      const progress = (rows: typeof fitted) => rows.reduce((s, r) => s + r.scores.progress * r.scores.n, 0) / n;
      out.push({ fittedOn: name, judgedOn: b.name, n, fitted: statusAccuracy(fitted), cues: statusAccuracy(cues), progressFitted: progress(fitted), progressCues: progress(cues) });
    }
  }
  return out;
}
