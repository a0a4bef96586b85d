import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EVIDENCE } from './evidence.ts';
import { FEATURES } from './features.ts';

/** Features of a whole question's best candidate, for the decision to answer or abstain. */
export const QUESTION_FEATURES = ['bias', 'best', 'rankScore', 'coverage', 'passageCoverage', 'unfound', 'typeNear', 'focusCovered', 'margin', ...EVIDENCE] as const;

const vector = (names: readonly string[]) => z.array(z.number()).length(names.length, `one weight per feature (${names.join(', ')})`);

const weightsSchema = z.object({
  about: z.string().optional(),
  fitted_on: z.array(z.string()).default([]),
  candidate: z.object({ features: z.array(z.string()), weights: vector(FEATURES) }),
  answer: z.object({ features: z.array(z.string()), weights: vector(QUESTION_FEATURES), threshold: z.number().min(0).max(1) }),
});

export type ReaderWeights = z.infer<typeof weightsSchema>;

export const WEIGHTS_FILE = new URL('../../../../data/reader-weights.json', import.meta.url);

/** Reads the fitted weights; a file that does not match the features in the code is refused by name. */
export function parseWeights(name: string, text: string): ReaderWeights {
  const parsed = weightsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const w = parsed.data;
  if (w.candidate.features.join() !== FEATURES.join() || w.answer.features.join() !== QUESTION_FEATURES.join()) {
    throw new Error(`${name}: fitted for other features; run scripts/fit-reader.ts again`);
  }
  return w;
}

let loaded: ReaderWeights | undefined;

export function readerWeights(): ReaderWeights {
  loaded ??= parseWeights('data/reader-weights.json', readFileSync(WEIGHTS_FILE, 'utf8'));
  return loaded;
}

/** Weights that score every candidate alike: the starting point of a fit when the features changed. */
export function neutralWeights(): ReaderWeights {
  return {
    fitted_on: [],
    candidate: { features: [...FEATURES], weights: FEATURES.map(() => 0) },
    answer: { features: [...QUESTION_FEATURES], weights: QUESTION_FEATURES.map(() => 0), threshold: 0.5 },
  };
}

/** Replaces the weights in use (the fitting script and the bench judge weights fitted elsewhere). */
export function useReaderWeights(weights: ReaderWeights | undefined): void {
  loaded = weights;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logistic score of a feature vector. */
export function probability(weights: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < weights.length; i++) z += weights[i] * x[i];
  return sigmoid(z);
}

/**
 * Fits a logistic regression by Newton's method (iteratively reweighted least squares) with L2
 * regularisation (the bias is not penalised). Small, deterministic, exact for a few dozen features.
 */
export function fitLogistic(xs: number[][], ys: number[], { l2 = 0.01, iterations = 25, positiveWeight = 1 } = {}): number[] {
  const d = xs[0]?.length ?? 0;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x, i) => {
      const c = ys[i] ? positiveWeight : 1;
      const p = probability(w, x);
      const r = c * p * (1 - p);
      for (let j = 0; j < d; j++) {
        grad[j] += c * (p - ys[i]) * x[j];
        for (let k = 0; k < d; k++) hess[j][k] += r * x[j] * x[k];
      }
    });
    for (let j = 1; j < d; j++) {
      grad[j] += l2 * xs.length * w[j];
      hess[j][j] += l2 * xs.length;
    }
    hess[0][0] += 1e-9;
    const step = solve(hess, grad);
    w = w.map((v, j) => v - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return w.map((v) => Number(v.toFixed(4)));
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const lead = m[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / lead;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}
