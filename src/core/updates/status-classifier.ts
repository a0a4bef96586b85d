import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { softmaxProbabilities } from '../stats/softmax.ts';
import { UPDATE_STATUSES, type UpdateStatus } from './schema.ts';
import { statusFeatureNames } from './status-features.ts';

/**
 * The fitted status classifier of the offline update parser: a multinomial logistic model over
 * the features of status-features.ts, whose weights scripts/fit-status.ts fits on the update
 * sets of every development programme (data/status-weights.json). Its classes are the statuses
 * of the update record plus "none", for a message that gives no status ("nulla di nuovo", a
 * note about who the contact person is).
 */

export const STATUS_CLASSES = [...UPDATE_STATUSES, 'none'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export const STATUS_WEIGHTS_FILE = new URL('../../../data/status-weights.json', import.meta.url);

const weightsSchema = z.object({
  about: z.string().optional(),
  fitted_on: z.array(z.string()),
  options: z.object({ lambda: z.number(), iterations: z.number(), rate: z.number() }),
  classes: z.array(z.enum(STATUS_CLASSES)),
  features: z.array(z.string()),
  weights: z.array(z.array(z.number())),
});
export type StatusWeights = z.infer<typeof weightsSchema>;

let loaded: StatusWeights | undefined;

/** The weights of the data file, read once; an error when they were fitted on other features. */
export function statusWeights(): StatusWeights {
  if (loaded) return loaded;
  const w = weightsSchema.parse(JSON.parse(readFileSync(STATUS_WEIGHTS_FILE, 'utf8')));
  const names = statusFeatureNames();
  if (w.features.join(',') !== names.join(',')) throw new Error(`${STATUS_WEIGHTS_FILE.pathname} was fitted on other features: run scripts/fit-status.ts`);
  loaded = w;
  return w;
}

export interface StatusReading {
  status: UpdateStatus | null;
  /** Probability of each class, in STATUS_CLASSES order. */
  probabilities: Record<StatusClass, number>;
}

/** The most probable class of a message's features; "none" gives no status. */
export function classifyStatus(features: number[], weights: StatusWeights = statusWeights()): StatusReading {
  const p = softmaxProbabilities(weights.weights, features);
  const probabilities = Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0])) as Record<StatusClass, number>;
  weights.classes.forEach((c, k) => {
    probabilities[c] = p[k];
  });
  // Ties go to the earlier class of the file: deterministic.
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  const top = weights.classes[best];
  return { status: top === 'none' ? null : top, probabilities };
}
