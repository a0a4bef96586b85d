import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FEATURES } from '../answer/reader/features.ts';

/**
 * Retrieval's own evidence model: a logistic score of "this piece of a chunk holds the answer",
 * over named features of the reader's text analysis (features.ts), with weights fitted by
 * scripts/fit-retrieval.ts on the fused candidates of both programmes' development questions.
 * Its own file, so refitting the reader (data/reader-weights.json) does not move retrieval, and
 * fitted on the fused lists alone, so no weights feed back into the data they are fitted on.
 */
const weightsSchema = z.object({
  about: z.string().optional(),
  fitted_on: z.array(z.string()).default([]),
  features: z.array(z.string()).min(1),
  weights: z.array(z.number()),
});

export type RetrievalWeights = z.infer<typeof weightsSchema>;

export const RETRIEVAL_WEIGHTS_FILE = new URL('../../../data/retrieval-weights.json', import.meta.url);

/** Reads the weights; one weight per feature, and every feature one the text analysis computes. */
export function parseRetrievalWeights(name: string, text: string): RetrievalWeights {
  const parsed = weightsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const w = parsed.data;
  if (w.weights.length !== w.features.length) throw new Error(`${name}: ${w.features.length} features but ${w.weights.length} weights`);
  const unknown = w.features.filter((f) => !(FEATURES as readonly string[]).includes(f));
  if (unknown.length) throw new Error(`${name}: features the reader no longer computes (${unknown.join(', ')}); run scripts/fit-retrieval.ts again`);
  return w;
}

let loaded: RetrievalWeights | undefined;

export function retrievalWeights(): RetrievalWeights {
  loaded ??= parseRetrievalWeights('data/retrieval-weights.json', readFileSync(RETRIEVAL_WEIGHTS_FILE, 'utf8'));
  return loaded;
}

/** Replaces the weights in use (the fitting script judges weights fitted on one programme with them). */
export function useRetrievalWeights(weights: RetrievalWeights | undefined): void {
  loaded = weights;
}

/** The columns of the reader's feature vector that a set of weights reads, in its order. */
export function columnsOf(weights: RetrievalWeights): number[] {
  return weights.features.map((f) => (FEATURES as readonly string[]).indexOf(f));
}

/** The model's log-odds for one feature vector of the reader's (the order of FEATURES). */
export function evidenceScore(weights: RetrievalWeights, columns: number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < columns.length; i++) z += weights.weights[i] * x[columns[i]];
  return z;
}
