import type { Queryable } from '../../../db/client.ts';
import type { Lang } from '../types.ts';

/**
 * 👍 (1) or 👎 (-1) on a stored answer; a second click by the same person replaces the first.
 * Returns the answer's language, or null when there is no such answer (nothing is stored then).
 */
export async function recordFeedback(db: Queryable, answerId: number, platform: string, userId: string, value: 1 | -1): Promise<Lang | null> {
  const [answer] = await db.query<{ language: string }>(`SELECT language FROM answers WHERE id = $1`, [answerId]);
  if (!answer) return null;
  await db.query(
    `INSERT INTO feedback (answer_id, platform, user_id, value) VALUES ($1, $2, $3, $4)
     ON CONFLICT (answer_id, platform, user_id) DO UPDATE SET value = excluded.value, created_at = now()`,
    [answerId, platform, userId, value],
  );
  return answer.language === 'en' ? 'en' : 'it';
}

/** What was wrong with an answer, in the words of whoever gave the 👎 (optional, bounded). */
export async function recordFeedbackComment(db: Queryable, answerId: number, platform: string, userId: string, comment: string): Promise<boolean> {
  const text = comment.trim().slice(0, 2000);
  if (!text) return false;
  const rows = await db.query(`UPDATE feedback SET comment = $4 WHERE answer_id = $1 AND platform = $2 AND user_id = $3 RETURNING answer_id`, [answerId, platform, userId, text]);
  return rows.length > 0;
}
