import type { Queryable } from '../../../db/client.ts';

/**
 * `processed_events` is the single place where duplicates die, for every platform: a redelivered
 * event, a retried request, a card or form submitted twice. A key is claimed once; the first
 * claimer does the work, everyone else drops it.
 */

/** True the first time `key` is claimed on `platform`; false for a duplicate. */
export async function claimEvent(db: Queryable, platform: string, key: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO processed_events (platform, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [platform, key],
    { urgent: true }, // an acknowledgement waits on it
  );
  return rows.length > 0;
}

/** Gives a claim back when the work it guarded failed, so the same event may be tried again. */
export async function releaseEvent(db: Queryable, platform: string, key: string): Promise<void> {
  await db.query(`DELETE FROM processed_events WHERE platform = $1 AND event_id = $2`, [platform, key]);
}

/** Platforms redeliver within minutes; a week of memory is plenty. */
const KEEP_DAYS = 7;

/** Forgets claims older than a week, on every platform; returns how many went. */
export async function pruneEvents(db: Queryable, keepDays = KEEP_DAYS): Promise<number> {
  const rows = await db.query(
    `DELETE FROM processed_events WHERE received_at < now() - make_interval(days => $1::int) RETURNING event_id`,
    [keepDays],
  );
  return rows.length;
}
