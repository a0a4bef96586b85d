import { scoreSentences } from '../answer/evidence.ts';
import type { Passage } from '../answer/passages.ts';
import type { QueryAnalysis } from './query.ts';

/** How much of the final order comes from the sentence evidence (the rest from the fused rank). */
export const RERANK_WEIGHT = 0.3;

/**
 * Re-orders fused candidates by the evidence they hold: a chunk with one sentence that covers the
 * question (IDF-weighted, with the kind of answer asked for) beats a chunk that merely shares its
 * words here and there. Scores are blended with the fused score, both scaled to the best of the list.
 */
export function rerank<T extends { score: number; source: string; title: string; section: string; text: string }>(q: QueryAnalysis, rows: T[]): T[] {
  if (rows.length < 2) return rows;
  const passages: Passage[] = rows.map((r, i) => ({ n: i + 1, rank: 1, source: r.source, title: r.title, section: r.section, text: r.text }));
  const best = new Array<number>(rows.length).fill(0);
  for (const s of scoreSentences(q, passages)) best[s.passage.n - 1] = Math.max(best[s.passage.n - 1], s.score);
  const maxEvidence = Math.max(...best) || 1;
  const maxFused = Math.max(...rows.map((r) => r.score)) || 1;
  return rows
    .map((r, i) => ({ r, s: (1 - RERANK_WEIGHT) * (r.score / maxFused) + RERANK_WEIGHT * (best[i] / maxEvidence) }))
    .sort((a, b) => b.s - a.s)
    .map(({ r, s }) => ({ ...r, score: Number(s.toFixed(6)) }));
}
