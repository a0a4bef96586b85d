/**
 * The development data retrieval's evidence model is fitted and judged on: each programme's
 * answerable questions with their fused candidates (before re-ranking), labelled by the evidence
 * span. Used by scripts/fit-retrieval.ts and by the bench.
 */
import type { AppContext } from '../src/app.ts';
import { analyzeQuestion } from '../src/core/retrieval/corpus-cognates.ts';
import { evaluateRetrieval, fitRetrieval, holdsEvidence, type RetrievalExample, type RetrievalScores } from '../src/core/retrieval/rerank-fit.ts';
import { fusedCandidates, RERANK_POOL } from '../src/core/retrieval/search.ts';
import { boundQuestion } from '../src/core/text-bounds.ts';
import { readJsonl, type DevProgramme } from './dev-programmes.ts';

interface QaLine {
  id: string;
  question: string;
  evidence: string;
  answer_any: string[];
  type: string;
}

/** The name a question set is recorded under (as the reader's weights record theirs). */
export const setName = (file: string) => file.split('/').slice(-2).join('/');

/** Every answerable question of a programme's sets with the fused candidates search re-ranks. */
export async function collectRetrievalExamples(app: AppContext, p: DevProgramme): Promise<RetrievalExample[]> {
  const programme = await app.programme();
  const out: RetrievalExample[] = [];
  for (const file of p.qa) {
    for (const item of readJsonl<QaLine>(file)) {
      if (item.type === 'unanswerable') continue;
      const q = await analyzeQuestion(app, boundQuestion(item.question), programme);
      const fused = await fusedCandidates(app, q, { programme }, RERANK_POOL);
      out.push({ id: item.id, programme: p.name, q, answers: item.answer_any, rows: fused.map((r) => ({ ...r, relevant: holdsEvidence(r.text, item.evidence) })) });
    }
  }
  return out;
}

export interface RetrievalCross {
  fittedOn: string;
  judgedOn: string;
  scores: RetrievalScores;
}

/** For each pair of programmes: the evidence model fitted on one alone, judged on the other. */
export function retrievalCross(byProgramme: Map<string, RetrievalExample[]>): RetrievalCross[] {
  const out: RetrievalCross[] = [];
  for (const [a, exA] of byProgramme) {
    const own = fitRetrieval(exA, [a]);
    for (const [b, exB] of byProgramme) if (a !== b) out.push({ fittedOn: a, judgedOn: b, scores: evaluateRetrieval(own, exB) });
  }
  return out;
}
