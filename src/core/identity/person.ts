import type { Queryable } from '../../../db/client.ts';
import type { Actor } from '../types.ts';

export type Role = 'admin' | 'team_leader' | 'member';

/** The person behind an account, with the role the programme gives them. */
export interface Person {
  platform: string;
  userId: string;
  /** Shown, never trusted: anyone can rename themselves. */
  displayName: string;
  role: Role;
  cantiereId: string | null;
  /** The programme person the account is linked to, if any. */
  linkedTo: string | null;
}

/**
 * Local operators: whoever runs the CLI or the console chat already holds the database (they could
 * write SQL), so they act as admins; access control matters on shared channels (Slack, Teams).
 */
export function isLocalOperator(actor: Actor): boolean {
  return actor.platform === 'cli' || actor.platform === 'console';
}

/** An account row with the role and cantiere of the programme person it is linked to (if any). */
const ACCOUNT = `
  SELECT a.platform, a.user_id, a.display_name, a.linked_to,
         coalesce(p.role, CASE WHEN a.linked_to IS NULL THEN a.role ELSE 'member' END) AS role,
         CASE WHEN a.linked_to IS NULL THEN a.cantiere_id ELSE p.cantiere_id END AS cantiere_id
  FROM people a LEFT JOIN people p ON p.platform = 'programme' AND p.user_id = a.linked_to
  WHERE a.platform = $1 AND a.user_id = $2`;

/**
 * The person behind a platform account. A role comes only through what the platform vouches for:
 * the account ids of the programme file, an email the platform returned for the account
 * (`actor.email`) equal to a programme person's email, or an admin's link. The display name is
 * recorded for showing and never matched. A linked account follows its programme person, so a
 * role changed in the programme file takes effect at the next message.
 */
export async function resolvePerson(db: Queryable, actor: Actor): Promise<Person> {
  const [known] = await db.query(ACCOUNT, [actor.platform, actor.userId]);
  if (known?.linked_to || (known && !actor.email)) return toPerson(known, actor);
  const [byEmail] = actor.email
    ? await db.query(`SELECT user_id FROM people WHERE platform = 'programme' AND lower(email) = lower($1)`, [actor.email])
    : [];
  if (isLocalOperator(actor)) return { platform: actor.platform, userId: actor.userId, displayName: actor.displayName, role: 'member', cantiereId: null, linkedTo: null };
  // Role and cantiere are copied from the person (kept in step by every programme load).
  await db.query(
    `INSERT INTO people (platform, user_id, display_name, role, cantiere_id, linked_to, linked_by)
     SELECT $1, $2, $3, coalesce(p.role, 'member'), p.cantiere_id, p.user_id, $5
     FROM (SELECT 1) one LEFT JOIN people p ON p.platform = 'programme' AND p.user_id = $4
     ON CONFLICT (platform, user_id) DO UPDATE SET linked_to = excluded.linked_to, linked_by = excluded.linked_by,
       role = excluded.role, cantiere_id = excluded.cantiere_id, updated_at = now()
     WHERE people.linked_to IS NULL AND excluded.linked_to IS NOT NULL`,
    [actor.platform, actor.userId, actor.displayName, byEmail?.user_id ?? null, byEmail ? `email ${actor.email!.toLowerCase()}` : null],
  );
  const [row] = await db.query(ACCOUNT, [actor.platform, actor.userId]);
  return toPerson(row, actor);
}

function toPerson(r: Record<string, any>, actor: Actor): Person {
  return { platform: r.platform, userId: r.user_id, displayName: actor.displayName || r.display_name, role: r.role, cantiereId: r.cantiere_id, linkedTo: r.linked_to };
}
