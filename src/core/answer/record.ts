import type { AppContext } from '../../app.ts';
import type { Answer } from '../types.ts';

export interface AnswerRecord {
  platform: string;
  conversationId?: string | null;
  threadRef?: string | null;
  userId?: string | null;
  question: string;
  answer: Answer;
  latencyMs: number;
}

/** Stores an answer a channel has sent (for feedback and review); returns its id. */
export async function recordAnswer(app: Pick<AppContext, 'db'>, r: AnswerRecord): Promise<number> {
  const [row] = await app.db.query<{ id: number }>(
    `INSERT INTO answers (platform, conversation_id, thread_ref, user_id, question, answer, abstained, intent, language, citations, latency_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11) RETURNING id`,
    [
      r.platform,
      r.conversationId ?? null,
      r.threadRef ?? null,
      r.userId ?? null,
      r.question,
      r.answer.answer,
      r.answer.abstained,
      r.answer.intent,
      r.answer.language,
      JSON.stringify(r.answer.citations),
      Math.max(0, Math.round(r.latencyMs)),
    ],
  );
  return row.id;
}
