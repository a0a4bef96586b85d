import type { Activity } from 'botbuilder';
import type { Queryable } from '../../../db/client.ts';
import { claimEvent } from '../../core/chat/events.ts';

/**
 * True the first time an activity is seen. Teams redelivers when the bot is slow to answer;
 * activity ids are unique within a conversation only, so the key carries both.
 */
export async function firstDelivery(db: Queryable, activity: Partial<Activity>): Promise<boolean> {
  if (!activity.id) return true;
  return claimEvent(db, 'teams', `${activity.conversation?.id ?? ''}|${activity.id}`);
}
