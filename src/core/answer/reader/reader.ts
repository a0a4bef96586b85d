import type { QueryAnalysis } from '../../retrieval/query.ts';
import type { Passage } from '../passages.ts';
import { candidatesOf, type Candidate } from './candidates.ts';
import { contradicted, EVIDENCE, evidenceOf, weighedEvidence } from './evidence.ts';
import { FEATURES, featuresOf } from './features.ts';
import { probability, readerWeights, score, type ReaderWeights } from './model.ts';

export interface ScoredCandidate {
  candidate: Candidate;
  features: number[];
  /** The ranking model's score: what orders a question's candidates. */
  score: number;
  /** Fitted probability that the candidate holds the answer. */
  p: number;
}

export interface Reading {
  /** Candidates, best first by the ranking model (ties: passage rank, then position in the passage). */
  ranked: ScoredCandidate[];
  /** Fitted probability that the best candidate answers the question. */
  confidence: number;
  /** The question features the decision was made from. */
  questionFeatures: number[];
  /** Whether the best candidate's evidence says the answer is not there (see CONTRADICTIONS): abstain whatever the confidence. */
  contradicted: boolean;
  abstain: boolean;
}

const f = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);

/** The log-odds of a probability, kept in a range where the abstention model stays well behaved. */
const logit = (p: number) => Math.max(-10, Math.min(10, Math.log(p / (1 - p))));

/**
 * Features of the question as a whole, none of which depends on how many candidates there are:
 * the best candidate's probability (and its log-odds), how much of the question it and its
 * passage cover, whether it holds the asked-for kind of thing near the question's words, its
 * lead over the runner-up in log-odds, and its EVIDENCE (`evidence`: the best candidate's, as
 * evidenceOf gives it; its CONTRADICTIONS are not weighed, they decide alone).
 */
export function questionFeaturesOf(ranked: { features: number[]; p: number }[], evidence: readonly number[] | undefined): number[] {
  const top = ranked[0];
  if (!top || !evidence) return [1, 0, -10, 0, 0, 1, 0, 0, 0, ...EVIDENCE.map(() => 0)];
  const x = top.features;
  const second = ranked[1] ? logit(ranked[1].p) : -10;
  return [1, top.p, logit(top.p), x[f('coverage')], x[f('passageCoverage')], x[f('unfound')], x[f('typeNear')], x[f('focusCovered')], logit(top.p) - second, ...weighedEvidence(evidence)];
}

/** Scores every candidate of the passages and sorts them, deterministically. */
export function rankCandidates(q: QueryAnalysis, passages: Passage[], weights: ReaderWeights = readerWeights()): ScoredCandidate[] {
  const candidates = passages.flatMap(candidatesOf);
  const features = featuresOf(q, candidates);
  return candidates
    .map((candidate, i) => ({ candidate, features: features[i], score: score(weights.candidate.ranking, features[i]), p: probability(weights.candidate.weights, features[i]) }))
    .sort((a, b) => b.score - a.score || a.candidate.passage.rank - b.candidate.passage.rank || a.candidate.index - b.candidate.index);
}

/**
 * The reader: finds the candidate that answers, and decides from fitted features whether the
 * evidence is good enough to answer at all ("Non lo so" otherwise); evidence that the answer is
 * not there (CONTRADICTIONS) abstains whatever the confidence.
 */
export function read(q: QueryAnalysis, passages: Passage[], weights: ReaderWeights = readerWeights()): Reading {
  const ranked = q.concepts.length ? rankCandidates(q, passages, weights) : [];
  const evidence = ranked[0] && evidenceOf(q, [ranked[0].candidate], passages)[0];
  // Whether the passages answer at all is judged on the most probable candidate (the pointwise
  // model the abstention model was fitted with); what is answered is the ranking's first.
  const likely = [...ranked].sort((a, b) => b.p - a.p || a.candidate.passage.rank - b.candidate.passage.rank || a.candidate.index - b.candidate.index);
  const questionFeatures = questionFeaturesOf(likely, likely[0] && (likely[0] === ranked[0] ? evidence : evidenceOf(q, [likely[0].candidate], passages)[0]));
  const confidence = ranked.length ? probability(weights.answer.weights, questionFeatures) : 0;
  const against = evidence !== undefined && contradicted(evidence);
  return { ranked, confidence, questionFeatures, contradicted: against, abstain: !ranked.length || against || confidence < weights.answer.threshold };
}
