import type { Activity } from 'botbuilder';
import type { Queryable } from '../../../db/client.ts';

/**
 * True the first time an activity is seen. Teams redelivers when the bot is slow to answer;
 * activity ids are unique within a conversation only, so the key carries both.
 */
export async function firstDelivery(db: Queryable, activity: Partial<Activity>): Promise<boolean> {
  if (!activity.id) return true;
  const key = `${activity.conversation?.id ?? ''}|${activity.id}`;
  const rows = await db.query(
    `INSERT INTO processed_events (platform, event_id) VALUES ('teams', $1) ON CONFLICT DO NOTHING RETURNING event_id`,
    [key],
  );
  return rows.length > 0;
}
