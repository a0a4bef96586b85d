import { fold } from '../../language.ts';
import { FEATURES } from './features.ts';
import { fitConditionalLogit, fitLogistic, probability, QUESTION_FEATURES, score, type ReaderWeights } from './model.ts';
import { questionFeaturesOf, type ScoredCandidate } from './reader.ts';

/** One development question as the reader saw it: its candidates' features and which hold the answer. */
export interface ReaderExample {
  /** The programme the question is about (figures are given per programme and across them). */
  programme: string;
  set: string;
  id: string;
  lang: 'it' | 'en';
  answerable: boolean;
  /** Each candidate's ranking features and its evidence for abstention (EVIDENCE, see evidence.ts). */
  candidates: { features: number[]; evidence: number[]; label: 0 | 1; passageRank: number; index: number }[];
}

/** The judge's normalisation (accents, case, quotes, hyphenated breaks, spaces). */
export function normalise(s: string): string {
  return fold(s).replace(/[’‘`]/g, "'").replace(/[“”«»]/g, '"').replace(/-\s*\n\s*/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Labels a question's ranked candidates: a candidate is right when it holds one of the accepted
 * answers. `evidence`: each ranked candidate's EVIDENCE, in the same order.
 */
export function toExample(meta: Omit<ReaderExample, 'candidates'>, ranked: ScoredCandidate[], evidence: number[][], answers: string[]): ReaderExample {
  const wanted = answers.map(normalise);
  return {
    ...meta,
    candidates: ranked.map((s, i) => ({
      features: s.features,
      evidence: evidence[i],
      label: wanted.some((a) => normalise(s.candidate.text).includes(a)) ? 1 : 0,
      passageRank: s.candidate.passage.rank,
      index: s.candidate.index,
    })),
  };
}

interface Scored {
  example: ReaderExample;
  top: ReaderExample['candidates'][number] | undefined;
  x: number[];
}

function scoreExamples(examples: ReaderExample[], weights: Pick<ReaderWeights, 'candidate'>): Scored[] {
  return examples.map((example) => {
    const ranked = example.candidates
      .map((c) => ({ c, s: score(weights.candidate.ranking, c.features), p: probability(weights.candidate.weights, c.features) }))
      .sort((a, b) => b.s - a.s || a.c.passageRank - b.c.passageRank || a.c.index - b.c.index);
    return { example, top: ranked[0]?.c, x: questionFeaturesOf(ranked.map((r) => ({ features: r.c.features, p: r.p })), ranked[0]?.c.evidence) };
  });
}

/** What answering or abstaining is worth: a wrong answer costs as much as a right one gains. */
const UTILITY = { right: 1, wrong: -1, abstainRight: 1, abstainWrong: 0 };

const answered = (s: Scored) => (s.example.answerable && s.top?.label ? 1 : 0);

/**
 * The abstention model: a logistic model of "the passages answer this question" over question
 * features (whether the best candidate is the right one is the ranker's business; which answer
 * is picked does not change whether there is one to pick).
 */
function fitAnswer(scored: Scored[]): number[] {
  return fitLogistic(
    scored.map((s) => s.x),
    scored.map((s) => (s.example.answerable ? 1 : 0)),
    { l2: 0.01 },
  );
}

/** The confidence threshold with the best utility over (question, confidence) pairs. */
function bestThreshold(pairs: { s: Scored; confidence: number }[]): number {
  let best = { threshold: 0.5, utility: -Infinity };
  for (let t = 0.05; t < 0.96; t += 0.01) {
    const threshold = Number(t.toFixed(2));
    let utility = 0;
    for (const { s, confidence } of pairs) {
      if (confidence < threshold) utility += s.example.answerable ? UTILITY.abstainWrong : UTILITY.abstainRight;
      else utility += answered(s) ? UTILITY.right : UTILITY.wrong;
    }
    if (utility > best.utility) best = { threshold, utility };
  }
  return best.threshold;
}

/**
 * The groups abstention is cross-validated over: the question sets (several per programme), so
 * each held-out model is fitted on most of the data of every programme; with one set, none (then
 * the threshold is chosen on the questions fitted on). Holding out a whole programme of two left
 * each model fitted on the other programme alone, and the threshold chosen from those
 * confidences did not suit the model fitted on both.
 */
function folds(examples: ReaderExample[]): string[] {
  const sets = [...new Set(examples.map((e) => e.set))];
  return sets.length > 1 ? sets : [];
}

/**
 * Features that tell a question's candidates apart but say nothing of whether the question has an
 * answer: read by the ranking only. Read by the probability too, they made the best candidate's
 * probability tell answerable from unanswerable questions worse held out (separation cremona ->
 * programme3 0.741 -> 0.695, programme3 -> cremona 0.973 -> 0.947).
 */
const RANKING_ONLY = new Set<string>(['countedNear', 'clauseCoverage']);

/**
 * The candidate model. Its ranking: a conditional logit (a softmax over each answerable question's
 * candidates), the weights that make the candidates holding the answer likeliest within their own
 * question, which is what putting one on top asks. Its probability: a logistic regression of "this
 * candidate holds the answer" over every candidate of every question, answerable or not (positives
 * weighted up to the negatives, up to 20x), which says how answer-like the best candidate is in
 * absolute terms: what abstaining needs and a within-question ranking cannot give (fitted on the
 * ranking's score instead, it told answerable from unanswerable questions worse held out). The
 * probability does not read the RANKING_ONLY features (their weight is 0).
 */
function fitCandidateModel(examples: ReaderExample[]): ReaderWeights['candidate'] {
  const ranking = fitConditionalLogit(examples.filter((e) => e.answerable).map((e) => ({ xs: e.candidates.map((c) => c.features), ys: e.candidates.map((c) => c.label) })));
  const unread = FEATURES.map((name) => RANKING_ONLY.has(name));
  const xs = examples.flatMap((e) => e.candidates.map((c) => c.features.map((v, j) => (unread[j] ? 0 : v))));
  const ys = examples.flatMap((e) => e.candidates.map((c) => c.label));
  const positives = ys.filter(Boolean).length || 1;
  const weights = fitLogistic(xs, ys, { positiveWeight: Math.min(20, (ys.length - positives) / positives), l2: 0.001 });
  return { features: [...FEATURES], ranking, weights };
}

/**
 * Fits the reader on development questions: the candidate model (a ranking and a probability;
 * see fitCandidateModel), and a logistic model
 * of "the best candidate is right" whose threshold is chosen on held-out groups (each question
 * set judged by the model fitted on the others), so it is not tuned to the questions it was fitted on.
 */
export function fitReader(examples: ReaderExample[], fittedOn: string[]): ReaderWeights {
  const weights = { candidate: fitCandidateModel(examples) };
  const scored = scoreExamples(examples, weights);
  const answer = fitAnswer(scored);
  const sets = folds(examples);
  const heldOut = sets.length
    ? sets.flatMap((set) => {
        const inside = scored.filter((s) => s.example.set === set);
        const model = fitAnswer(scored.filter((s) => s.example.set !== set));
        return inside.map((s) => ({ s, confidence: probability(model, s.x) }));
      })
    : scored.map((s) => ({ s, confidence: probability(answer, s.x) }));
  return {
    about: 'Reader weights fitted by scripts/fit-reader.ts on the development questions named in fitted_on. Do not edit by hand.',
    fitted_on: fittedOn,
    ...weights,
    answer: { features: [...QUESTION_FEATURES], weights: answer, threshold: bestThreshold(heldOut) },
  };
}

export interface ReaderScores {
  questions: number;
  correct: number;
  correctIt: number;
  correctEn: number;
  falseAbstain: number;
  abstainOnUnanswerable: number;
  /** Answerable questions whose best candidate holds the answer, answered or not: the ranking alone. */
  bestRight: number;
  /**
   * How well confidence tells answerable from unanswerable questions, whatever the threshold: the
   * share of (answerable, unanswerable) pairs the answerable one wins (ties half; 0.5 is chance).
   * With few unanswerable questions a threshold's figures swing; this moves less.
   */
  separation: number;
}

/** The share of (positive, negative) pairs in which the positive scores higher (ties count half): the ROC area. */
export function separation(positives: number[], negatives: number[]): number {
  if (!positives.length || !negatives.length) return 0;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** How a set of weights does on examples (the best candidate must hold an accepted answer). */
export function evaluateReader(weights: ReaderWeights, examples: ReaderExample[]): ReaderScores {
  const scored = scoreExamples(examples, weights);
  const answerable = scored.filter((s) => s.example.answerable);
  const unanswerable = scored.filter((s) => !s.example.answerable);
  const confidence = (s: Scored) => (s.top === undefined ? 0 : probability(weights.answer.weights, s.x));
  const answers = (s: Scored) => s.top !== undefined && confidence(s) >= weights.answer.threshold;
  const right = (s: Scored) => answers(s) && s.top?.label === 1;
  const share = (xs: Scored[], f: (s: Scored) => boolean) => (xs.length ? Number((xs.filter(f).length / xs.length).toFixed(3)) : 0);
  return {
    questions: scored.length,
    correct: share(answerable, right),
    correctIt: share(answerable.filter((s) => s.example.lang === 'it'), right),
    correctEn: share(answerable.filter((s) => s.example.lang === 'en'), right),
    falseAbstain: share(answerable, (s) => !answers(s)),
    abstainOnUnanswerable: share(unanswerable, (s) => !answers(s)),
    bestRight: share(answerable, (s) => s.top?.label === 1),
    separation: Number(separation(answerable.map(confidence), unanswerable.map(confidence)).toFixed(3)),
  };
}
