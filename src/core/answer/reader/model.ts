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
  /**
   * The candidate model: `ranking` orders a question's candidates (a ranking model, fitted within
   * each question), `weights` gives each the probability that it holds the answer (fitted over all
   * candidates: what the abstention model reads of the best one).
   */
  candidate: z.object({ features: z.array(z.string()), ranking: vector(FEATURES), weights: vector(FEATURES) }),
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
    candidate: { features: [...FEATURES], ranking: FEATURES.map(() => 0), weights: FEATURES.map(() => 0) },
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
  return sigmoid(score(weights, x));
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

/** The score of a feature vector under linear weights (a ranking model's log-odds up to a constant). */
export function score(weights: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < weights.length; i++) z += weights[i] * x[i];
  return z;
}

/**
 * Each candidate's share of its question under a ranking model: the softmax of the scores, the
 * fitted probability that it is the right one given that one of them is.
 */
export function shares(weights: readonly number[], xs: readonly (readonly number[])[]): number[] {
  const s = xs.map((x) => score(weights, x));
  const top = Math.max(...s);
  const e = s.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** One question for a ranking fit: its candidates' features and which of them hold the answer. */
export interface RankingGroup {
  xs: number[][];
  ys: (0 | 1)[];
}

/**
 * Fits a conditional logit (a softmax over each question's candidates): the weights that make the
 * candidates holding the answer likeliest within their own question, which is what ranking one of
 * them on top asks. Questions with no right or no wrong candidate say nothing and are left out;
 * a feature constant within every question (the bias) gets no weight. Newton's method with the
 * candidates' covariance as the Hessian (exact when one candidate is right, a safe bound when
 * several are) and step halving, L2-regularised: small and deterministic.
 */
export function fitConditionalLogit(groups: RankingGroup[], { l2 = 0.003, iterations = 50 } = {}): number[] {
  const used = groups.filter((g) => g.ys.some((y) => y) && g.ys.some((y) => !y));
  const d = used[0]?.xs[0]?.length ?? groups[0]?.xs[0]?.length ?? 0;
  let w = new Array<number>(d).fill(0);
  if (!used.length) return w;
  const penalty = l2 * used.length;
  // The negative log-likelihood that the chosen candidate is one of the right ones.
  const loss = (v: number[]) => {
    let total = 0;
    for (const g of used) {
      const s = g.xs.map((x) => score(v, x));
      total += logSumExp(s) - logSumExp(s.filter((_, i) => g.ys[i]));
    }
    return total + 0.5 * penalty * v.reduce((a, b) => a + b * b, 0);
  };
  let current = loss(w);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const g of used) {
      const p = shares(w, g.xs);
      const right = p.reduce((a, v, i) => a + (g.ys[i] ? v : 0), 0);
      const mean = new Array<number>(d).fill(0);
      g.xs.forEach((x, i) => {
        for (let j = 0; j < d; j++) mean[j] += p[i] * x[j];
      });
      g.xs.forEach((x, i) => {
        const q = g.ys[i] ? p[i] / right : 0;
        for (let j = 0; j < d; j++) {
          grad[j] += (p[i] - q) * x[j];
          const a = p[i] * (x[j] - mean[j]);
          if (a !== 0) for (let k = 0; k < d; k++) hess[j][k] += a * (x[k] - mean[k]);
        }
      });
    }
    for (let j = 0; j < d; j++) {
      grad[j] += penalty * w[j];
      hess[j][j] += penalty;
    }
    const step = solve(hess, grad);
    let t = 1;
    let next = w.map((v, j) => v - step[j]);
    let after = loss(next);
    while (after > current && t > 1e-4) {
      t /= 2;
      next = w.map((v, j) => v - t * step[j]);
      after = loss(next);
    }
    w = next;
    current = after;
    if (Math.max(...step.map(Math.abs)) * t < 1e-7) break;
  }
  return w.map((v) => Number(v.toFixed(4)) || 0);
}

function logSumExp(s: number[]): number {
  const top = Math.max(...s);
  return top + Math.log(s.reduce((a, v) => a + Math.exp(v - top), 0));
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
