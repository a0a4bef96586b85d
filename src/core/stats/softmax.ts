/**
 * Multinomial logistic regression (softmax) with an L2 penalty, fitted by full-batch gradient
 * descent from zero weights: the same data always gives the same weights (no random start, no
 * shuffling), which the fit scripts rely on to be reproducible. For the small, dense problems of
 * this project (tens of features, hundreds of examples) this is all that is needed.
 */

/** Weights per class, one row per class, one column per feature. */
export type SoftmaxWeights = number[][];

/** Class probabilities of one feature vector. */
export function softmaxProbabilities(weights: SoftmaxWeights, x: number[]): number[] {
  const scores = weights.map((row) => row.reduce((s, w, j) => s + w * x[j], 0));
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

export interface SoftmaxOptions {
  /** L2 penalty on every weight but the first column's (the bias), per example. */
  lambda: number;
  iterations: number;
  rate: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = { lambda: 0.01, iterations: 3000, rate: 0.5 };

/**
 * Fits weights for `classes` classes on examples `xs` (the first feature is the bias, always 1)
 * with labels `ys` (class indices), minimising mean cross-entropy plus lambda/2 |w|².
 */
export function fitSoftmax(xs: number[][], ys: number[], classes: number, opts: SoftmaxOptions = DEFAULT_SOFTMAX): SoftmaxWeights {
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const w = Array.from({ length: classes }, () => new Float64Array(d));
  if (n) {
    // Most features of an example are 0: each example keeps only its non-zero ones.
    const sparse = xs.map((x) => x.flatMap((v, j) => (v === 0 ? [] : [j])));
    const grad = Array.from({ length: classes }, () => new Float64Array(d));
    const scores = new Float64Array(classes);
    for (let it = 0; it < opts.iterations; it++) {
      for (const g of grad) g.fill(0);
      for (let i = 0; i < n; i++) {
        const x = xs[i];
        const nz = sparse[i];
        let top = -Infinity;
        for (let k = 0; k < classes; k++) {
          let s = 0;
          for (const j of nz) s += w[k][j] * x[j];
          scores[k] = s;
          if (s > top) top = s;
        }
        let sum = 0;
        for (let k = 0; k < classes; k++) {
          scores[k] = Math.exp(scores[k] - top);
          sum += scores[k];
        }
        for (let k = 0; k < classes; k++) {
          const err = scores[k] / sum - (ys[i] === k ? 1 : 0);
          for (const j of nz) grad[k][j] += err * x[j];
        }
      }
      for (let k = 0; k < classes; k++) {
        for (let j = 0; j < d; j++) {
          const penalty = j === 0 ? 0 : opts.lambda * w[k][j];
          w[k][j] -= opts.rate * (grad[k][j] / n + penalty);
        }
      }
    }
  }
  return w.map((row) => [...row]);
}
