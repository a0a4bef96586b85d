import { candidatesOf } from '../answer/reader/candidates.ts';
import { FEATURES, featuresOf } from '../answer/reader/features.ts';
import { normalise } from '../answer/reader/fit.ts';
import { fitLogistic } from '../answer/reader/model.ts';
import type { Passage } from '../answer/passages.ts';
import type { QueryAnalysis } from './query.ts';
import { rerank, type Rerankable } from './rerank.ts';
import type { RetrievalWeights } from './rerank-model.ts';

/** A development question with its fused candidates (before re-ranking), labelled. */
export interface RetrievalExample {
  id: string;
  programme: string;
  q: QueryAnalysis;
  rows: (Rerankable & { relevant: boolean })[];
  /** The answer strings any one of which the answer must hold. */
  answers: string[];
}

const wordsOf = (s: string) => normalise(s).match(/[a-z0-9]+/g) ?? [];

/**
 * Whether a chunk holds a question's evidence span, as ../shared/eval/score-qa.mjs judges it:
 * the span itself, or (after cleaning) 90% of its words and a run of six of them in order.
 */
export function holdsEvidence(chunk: string, evidence: string): boolean {
  if (!evidence) return false;
  if (normalise(chunk).includes(normalise(evidence))) return true;
  const cw = wordsOf(chunk);
  const ew = wordsOf(evidence);
  const have = new Set(cw);
  if (ew.filter((w) => have.has(w)).length / ew.length < 0.9) return false;
  const joined = ` ${cw.join(' ')} `;
  if (ew.length < 6) return joined.includes(` ${ew.join(' ')} `);
  for (let i = 0; i + 6 <= ew.length; i++) if (joined.includes(` ${ew.slice(i, i + 6).join(' ')} `)) return true;
  return false;
}

/**
 * Fits the evidence model: over every candidate of every fused chunk, "this candidate holds an
 * accepted answer and its chunk the evidence", as the reader is fitted (positives weighted up to
 * the negatives, up to 20x), with every feature the reader computes.
 */
export function fitRetrieval(examples: RetrievalExample[], fittedOn: string[]): RetrievalWeights {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const e of examples) {
    if (!e.q.concepts.length) continue;
    const passages: Passage[] = e.rows.map((r, i) => ({ n: i + 1, rank: 1, source: r.source, title: r.title, section: r.section, text: r.text }));
    const candidates = passages.flatMap(candidatesOf);
    const features = featuresOf(e.q, candidates);
    const wanted = e.answers.map(normalise);
    candidates.forEach((c, i) => {
      xs.push(features[i]);
      ys.push(e.rows[c.passage.n - 1].relevant && wanted.some((a) => normalise(c.text).includes(a)) ? 1 : 0);
    });
  }
  const positives = ys.filter(Boolean).length || 1;
  const weights = fitLogistic(xs, ys, { positiveWeight: Math.min(20, (ys.length - positives) / positives), l2: 0.001 });
  return {
    about: 'Retrieval evidence weights fitted by scripts/fit-retrieval.ts on the fused candidates of the development questions named in fitted_on. Do not edit by hand.',
    fitted_on: fittedOn,
    features: [...FEATURES],
    weights,
  };
}

export interface RetrievalScores {
  questions: number;
  hit1: number;
  hit5: number;
  mrr: number;
}

/** hit@1, hit@5 and MRR of the re-ranked candidates (a question whose evidence is not among them counts 0). */
export function evaluateRetrieval(weights: RetrievalWeights, examples: RetrievalExample[]): RetrievalScores {
  let h1 = 0;
  let h5 = 0;
  let mrr = 0;
  for (const e of examples) {
    const i = rerank(e.q, e.rows, weights).findIndex((r) => r.relevant);
    if (i === 0) h1++;
    if (i >= 0 && i < 5) h5++;
    if (i >= 0) mrr += 1 / (i + 1);
  }
  const n = examples.length || 1;
  const r = (x: number) => Number((x / n).toFixed(3));
  return { questions: examples.length, hit1: r(h1), hit5: r(h5), mrr: r(mrr) };
}
