import type { Activity } from 'botbuilder';
import type { Queryable } from '../../../db/client.ts';
import { claimEvent } from '../../core/chat/events.ts';

/** Activity ids are unique within a conversation only, so the key carries both. */
export function deliveryKey(activity: Partial<Activity>): string | null {
  return activity.id ? `${activity.conversation?.id ?? ''}|${activity.id}` : null;
}

/** True the first time an activity is seen. Teams redelivers when the bot is slow to answer. */
export async function firstDelivery(db: Queryable, activity: Partial<Activity>): Promise<boolean> {
  const key = deliveryKey(activity);
  return key ? claimEvent(db, 'teams', key) : true;
}
