import type { Queryable } from '../../../db/client.ts';
import type { ChatTurn } from '../../core/types.ts';

/** How many earlier question/answer pairs a follow-up sees. */
const TURNS = 3;

/**
 * Earlier turns of this conversation (a 1:1 or group chat, or one channel thread), oldest first,
 * from the answers stored for it: a follow-up ("e il cantiere 4?") is read in their light.
 */
export async function conversationHistory(db: Queryable, conversationId: string): Promise<ChatTurn[]> {
  const rows = await db.query<{ question: string; answer: string }>(
    `SELECT question, answer FROM answers WHERE platform = 'teams' AND conversation_id = $1
     ORDER BY created_at DESC, id DESC LIMIT ${TURNS}`,
    [conversationId],
  );
  return rows.reverse().flatMap((r) => [
    { role: 'user' as const, text: r.question },
    { role: 'assistant' as const, text: r.answer },
  ]);
}
