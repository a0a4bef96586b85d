import type { Passage } from '../answer/passages.ts';
import { rankCandidates } from '../answer/reader/reader.ts';
import type { QueryAnalysis } from './query.ts';

/** How much of the final order comes from the reader's evidence (the rest from the fused rank). */
export const RERANK_WEIGHT = 0.3;

/**
 * Re-orders fused candidates by the evidence they hold: the reader's fitted probability of the
 * best candidate of each chunk (a sentence, an item, a row), blended with the fused score, both
 * scaled to the best of the list. Ties keep the fused order, so the ranking is deterministic.
 */
export function rerank<T extends { score: number; source: string; title: string; section: string; text: string }>(q: QueryAnalysis, rows: T[]): T[] {
  if (rows.length < 2 || !q.concepts.length) return rows;
  const passages: Passage[] = rows.map((r, i) => ({ n: i + 1, rank: 1, source: r.source, title: r.title, section: r.section, text: r.text }));
  const best = new Array<number>(rows.length).fill(0);
  for (const s of rankCandidates(q, passages)) best[s.candidate.passage.n - 1] = Math.max(best[s.candidate.passage.n - 1], s.p);
  const maxEvidence = Math.max(...best) || 1;
  const maxFused = Math.max(...rows.map((r) => r.score)) || 1;
  return rows
    .map((r, i) => ({ r, i, s: (1 - RERANK_WEIGHT) * (r.score / maxFused) + RERANK_WEIGHT * (best[i] / maxEvidence) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map(({ r, s }) => ({ ...r, score: Number(s.toFixed(6)) }));
}
