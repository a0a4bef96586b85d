import type { Passage } from '../answer/passages.ts';
import { candidatesOf } from '../answer/reader/candidates.ts';
import { featuresOf } from '../answer/reader/features.ts';
import { sigmoid } from '../answer/reader/model.ts';
import type { QueryAnalysis } from './query.ts';
import { columnsOf, evidenceScore, retrievalWeights, type RetrievalWeights } from './rerank-model.ts';

/** How much of the final order comes from the evidence (the rest from the fused rank). */
export const RERANK_WEIGHT = 0.3;

/** Fused candidates as the evidence re-ranking reads them. */
export type Rerankable = { score: number; source: string; title: string; section: string; text: string };

/**
 * The evidence each chunk holds: the probability, under retrieval's own fitted model
 * (rerank-model.ts), of its best candidate (a sentence, an item, a row). Concept weights are
 * relative to the chunks given, as in the reader.
 */
export function chunkEvidence(q: QueryAnalysis, rows: Rerankable[], weights: RetrievalWeights = retrievalWeights()): number[] {
  const passages: Passage[] = rows.map((r, i) => ({ n: i + 1, rank: 1, source: r.source, title: r.title, section: r.section, text: r.text }));
  const candidates = passages.flatMap(candidatesOf);
  const features = featuresOf(q, candidates);
  const columns = columnsOf(weights);
  const best = new Array<number>(rows.length).fill(0);
  candidates.forEach((c, i) => {
    const p = sigmoid(evidenceScore(weights, columns, features[i]));
    if (p > best[c.passage.n - 1]) best[c.passage.n - 1] = p;
  });
  return best;
}

/**
 * Re-orders fused candidates by the evidence they hold, blended with the fused score, both
 * scaled to the best of the list. Ties keep the fused order, so the ranking is deterministic.
 */
export function rerank<T extends Rerankable>(q: QueryAnalysis, rows: T[], weights?: RetrievalWeights): T[] {
  if (rows.length < 2 || !q.concepts.length) return rows;
  const best = chunkEvidence(q, rows, weights);
  const maxEvidence = Math.max(...best) || 1;
  const maxFused = Math.max(...rows.map((r) => r.score)) || 1;
  return rows
    .map((r, i) => ({ r, i, s: (1 - RERANK_WEIGHT) * (r.score / maxFused) + RERANK_WEIGHT * (best[i] / maxEvidence) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map(({ r, s }) => ({ ...r, score: Number(s.toFixed(6)) }));
}
