import type { AppContext } from '../../../app.ts';
import { recordAnswer } from '../../../core/answer/record.ts';
import type { Answer, ChatTurn, Lang } from '../../../core/types.ts';

/** A Slack thread, as stored in `answers.thread_ref`: `<channel>:<thread ts>`. */
export function threadRef(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

/** The earlier turns of a thread, oldest first, from the answers Regia gave in it. */
export async function threadHistory(app: AppContext, ref: string, limit = 6): Promise<ChatTurn[]> {
  const rows = await app.db.query<{ question: string; answer: string }>(
    `SELECT question, answer FROM (
       SELECT question, answer, created_at, id FROM answers
       WHERE platform = 'slack' AND thread_ref = $1 ORDER BY created_at DESC, id DESC LIMIT $2
     ) recent ORDER BY created_at, id`,
    [ref, limit],
  );
  return rows.flatMap((r) => [
    { role: 'user' as const, text: r.question },
    { role: 'assistant' as const, text: r.answer },
  ]);
}

/**
 * Stores a feedback click; a second click by the same person replaces their first. Returns the
 * answer's language, or null when no such answer exists.
 */
export async function recordFeedback(app: AppContext, answerId: number, userId: string, value: 1 | -1): Promise<Lang | null> {
  const [answer] = await app.db.query<{ language: string }>(`SELECT language FROM answers WHERE id = $1`, [answerId]);
  if (!answer) return null;
  await app.db.query(
    `INSERT INTO feedback (answer_id, platform, user_id, value) VALUES ($1, 'slack', $2, $3)
     ON CONFLICT (answer_id, platform, user_id) DO UPDATE SET value = EXCLUDED.value, created_at = now()`,
    [answerId, userId, value],
  );
  return answer.language === 'en' ? 'en' : 'it';
}

export interface AnswerRefs {
  conversationId: string;
  /** Null for answers outside a thread (slash command). */
  threadRef: string | null;
  userId: string;
  question: string;
  latencyMs: number;
}

/** Stores an answer (the answer module's recordAnswer) so feedback and follow-ups can refer to it. */
export function storeAnswer(app: AppContext, answer: Answer, refs: AnswerRefs): Promise<number> {
  return recordAnswer(app, { platform: 'slack', answer, ...refs }).then(Number);
}
