import type { Queryable } from '../../../db/client.ts';
import type { ChatTurn } from '../types.ts';

/**
 * The earlier turns of one conversation thread, oldest first, from the answers Regia gave in it:
 * a follow-up ("e il cantiere 4?") is read in their light. `turns` question/answer pairs at most
 * (REGIA_HISTORY_TURNS). The thread is the `answers.thread_ref` the channel stored.
 */
export async function conversationHistory(db: Queryable, platform: string, threadRef: string, turns: number): Promise<ChatTurn[]> {
  const rows = await db.query<{ question: string; answer: string }>(
    `SELECT question, answer FROM answers WHERE platform = $1 AND thread_ref = $2
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [platform, threadRef, turns],
  );
  return rows.reverse().flatMap((r) => [
    { role: 'user' as const, text: r.question },
    { role: 'assistant' as const, text: r.answer },
  ]);
}
