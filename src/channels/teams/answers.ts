import type { AppContext } from '../../app.ts';
import type { Queryable } from '../../../db/client.ts';
import { recordAnswer } from '../../core/answer/record.ts';
import type { Actor, Answer, Citation, Intent, Lang } from '../../core/types.ts';

export interface AnswerToStore {
  conversationId: string;
  actor: Actor;
  question: string;
  answer: Answer;
  latencyMs: number;
}

/**
 * Stores an answer given in Teams (through the core's recorder); its id goes on the 👍/👎 buttons.
 * The thread is the conversation itself (a channel thread has its own conversation id).
 */
export async function storeAnswer(app: AppContext, a: AnswerToStore): Promise<number> {
  return recordAnswer(app, {
    platform: 'teams',
    conversationId: a.conversationId,
    threadRef: a.conversationId,
    userId: a.actor.userId,
    question: a.question,
    answer: a.answer,
    latencyMs: a.latencyMs,
  });
}

/** A stored answer, to show its card again (e.g. after feedback). */
export async function loadAnswer(db: Queryable, id: number): Promise<Answer | null> {
  const [row] = await db.query(`SELECT answer, abstained, intent, language, citations FROM answers WHERE id = $1`, [id]);
  if (!row) return null;
  return {
    answer: row.answer,
    abstained: row.abstained,
    intent: row.intent as Intent,
    language: (row.language === 'en' ? 'en' : 'it') as Lang,
    citations: (row.citations ?? []) as Citation[],
  };
}
