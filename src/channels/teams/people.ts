import type { Activity } from 'botbuilder';
import type { Queryable } from '../../../db/client.ts';
import type { Actor } from '../../core/types.ts';
import { resolvePerson } from '../../core/identity/person.ts';

/**
 * The person behind an activity. The Entra object id (`aadObjectId`) is the same in every chat and
 * team, unlike the per-bot `29:` id, so it is the user id Regia stores (and what the programme
 * file's `people[].teams` names); the `29:` id is the fallback (e.g. the Bot Framework Emulator).
 */
export function actorOf(activity: Partial<Activity>): Actor {
  const from = activity.from ?? { id: 'unknown', name: '' };
  return { platform: 'teams', userId: from.aadObjectId || from.id, displayName: from.name || from.id };
}

/**
 * Admins per the people table (role admin, platform teams), by either of the user's ids, or a
 * first-seen account linked by name to an admin of the programme file (the core's rule).
 */
export async function isAdmin(db: Queryable, activity: Partial<Activity>): Promise<boolean> {
  const ids = [activity.from?.aadObjectId, activity.from?.id].filter((v): v is string => Boolean(v));
  if (!ids.length) return false;
  const rows = await db.query(
    `SELECT 1 FROM people WHERE platform = 'teams' AND role = 'admin' AND user_id = ANY($1::text[]) LIMIT 1`,
    [ids],
  );
  if (rows.length > 0) return true;
  return (await resolvePerson(db, actorOf(activity))).role === 'admin';
}
