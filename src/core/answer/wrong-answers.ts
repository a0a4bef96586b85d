import type { Queryable } from '../../../db/client.ts';
import type { Answer, Citation } from '../types.ts';
import type { Passage } from './passages.ts';
import { t } from '../texts/index.ts';
import { shorten } from './extractive.ts';

/** How many answers with a 👎 are looked at for a question (the newest first). */
const RECENT_WRONG = 500;
const ALTERNATIVES = 3;

export interface WrongAnswer {
  id: number;
  answer: string;
  citations: Citation[];
}

/**
 * The same question, as people retype it: case, accents, punctuation and spacing do not count.
 * "A che punto è la ZLS?" and "a che punto e' la zls" are one question.
 */
export function questionKey(question: string): string {
  return question
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Answers given to this question that people marked wrong (more 👎 than 👍), newest first. */
export async function wrongAnswersFor(db: Queryable, question: string): Promise<WrongAnswer[]> {
  const key = questionKey(question);
  if (!key) return [];
  const rows = await db.query<{ id: number; question: string; answer: string; citations: Citation[] | null }>(
    `SELECT a.id, a.question, a.answer, a.citations
       FROM answers a JOIN feedback f ON f.answer_id = a.id
      GROUP BY a.id
     HAVING sum(f.value) < 0
      ORDER BY max(f.created_at) DESC
      LIMIT ${RECENT_WRONG}`,
  );
  return rows.filter((r) => questionKey(r.question) === key).map((r) => ({ id: Number(r.id), answer: r.answer, citations: r.citations ?? [] }));
}

const sourceKey = (c: Pick<Citation, 'source' | 'section'>) => `${c.source}\u0000${c.section}`;

/** The same answer again: the same words, or the same sources cited. */
function sameAnswer(a: Answer, w: WrongAnswer): boolean {
  if (questionKey(a.answer) === questionKey(w.answer)) return true;
  const mine = new Set(a.citations.map(sourceKey));
  const theirs = new Set(w.citations.map(sourceKey));
  return mine.size > 0 && mine.size === theirs.size && [...mine].every((k) => theirs.has(k));
}

/**
 * When the answer just written is one people marked wrong for this question, it is not given as
 * fine: Regia says so and offers the passages the wrong answer did not rest on. Any other answer
 * goes out as written.
 */
export function avoidWrong(answer: Answer, wrong: WrongAnswer[], passages: Passage[]): Answer {
  if (!wrong.some((w) => sameAnswer(answer, w))) return answer;
  const used = new Set(wrong.flatMap((w) => w.citations.map(sourceKey)));
  const citations: Citation[] = passages
    .filter((p) => !used.has(sourceKey(p)))
    .slice(0, ALTERNATIVES)
    .map((p, i) => ({ n: i + 1, source: p.source, title: p.title, section: p.section, quote: shorten(p.text, 160) }));
  const lang = answer.language;
  const text = citations.length
    ? `${t(lang, 'answer.markedWrong')} ${t(lang, 'answer.alternatives')} ${citations.map((c) => `[${c.n}]`).join(' ')}`
    : `${t(lang, 'answer.markedWrong')} ${t(lang, 'answer.dontKnow')}`;
  return { ...answer, answer: text, abstained: true, citations };
}
