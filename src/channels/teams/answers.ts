import type { AppContext } from '../../app.ts';
import type { Queryable } from '../../../db/client.ts';
import { recordAnswer } from '../../core/answer/record.ts';
import type { Actor, Answer, Citation, Intent, Lang } from '../../core/types.ts';

export interface AnswerToStore {
  conversationId: string;
  messageId: string | null;
  actor: Actor;
  question: string;
  answer: Answer;
  latencyMs: number;
}

/** Stores an answer given in Teams (through the core's recorder); its id goes on the 👍/👎 buttons. */
export async function storeAnswer(app: AppContext, a: AnswerToStore): Promise<number> {
  return recordAnswer(app, {
    platform: 'teams',
    conversationId: a.conversationId,
    threadRef: a.messageId,
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

/** 👍 (1) or 👎 (-1) on an answer; a second click by the same person replaces the first. */
export async function storeFeedback(db: Queryable, answerId: number, userId: string, value: 1 | -1): Promise<void> {
  await db.query(
    `INSERT INTO feedback (answer_id, platform, user_id, value) VALUES ($1, 'teams', $2, $3)
     ON CONFLICT (answer_id, platform, user_id) DO UPDATE SET value = excluded.value, created_at = now()`,
    [answerId, userId, value],
  );
}
