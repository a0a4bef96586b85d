import { DEFAULT_SOFTMAX, fitSoftmax, type SoftmaxOptions } from '../stats/softmax.ts';
import { STATUS_CLASSES, type StatusClass, type StatusWeights } from './status-classifier.ts';
import { statusFeatureNames } from './status-features.ts';

/** One labelled message: its features and the status it gives ("none" for no status). */
export interface StatusExample {
  x: number[];
  label: StatusClass;
}

/** Weights are stored to 4 decimals: the file is read by people and diffs stay small. */
const round = (v: number) => Math.round(v * 1e4) / 1e4 || 0;

/** Fits the status classifier on labelled messages; the same examples give the same weights. */
export function fitStatusClassifier(examples: StatusExample[], fittedOn: string[], opts: SoftmaxOptions = DEFAULT_SOFTMAX): StatusWeights {
  const classes = [...STATUS_CLASSES];
  const w = fitSoftmax(
    examples.map((e) => e.x),
    examples.map((e) => classes.indexOf(e.label)),
    classes.length,
    opts,
  );
  return {
    about: 'Status classifier weights fitted by scripts/fit-status.ts on the update sets named in fitted_on (and generic phrasings of data/status-phrases.jsonl). Do not edit by hand.',
    fitted_on: fittedOn,
    options: { ...opts },
    classes,
    features: statusFeatureNames(),
    weights: w.map((row) => row.map(round)),
  };
}
