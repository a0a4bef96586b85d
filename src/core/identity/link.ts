import type { Queryable } from '../../../db/client.ts';
import { fold } from '../language.ts';

export class LinkError extends Error {}

/** A programme person named by their name (accents and case ignored) or their email. */
async function findProgrammePerson(db: Queryable, ref: string): Promise<Record<string, any>> {
  const people = await db.query(`SELECT user_id, display_name, role, email FROM people WHERE platform = 'programme'`);
  const want = fold(ref).replace(/\s+/g, ' ').trim();
  const hits = people.filter((p) => fold(p.display_name).replace(/\s+/g, ' ').trim() === want || (p.email && p.email.toLowerCase() === ref.trim().toLowerCase()));
  if (hits.length === 1) return hits[0];
  if (!hits.length) throw new LinkError(`no person "${ref}" in the programme file; known: ${people.map((p) => p.display_name).sort().join(', ') || 'none'}`);
  throw new LinkError(`"${ref}" names ${hits.length} people of the programme file: use their email`);
}

/**
 * An admin's explicit link: this platform account is this programme person from now on, with the
 * role and cantiere the programme file gives them (also after the file changes).
 */
export async function linkAccount(
  db: Queryable,
  account: { platform: 'slack' | 'teams'; userId: string; displayName?: string },
  personRef: string,
  linkedBy: string,
): Promise<{ person: string; role: string }> {
  const person = await findProgrammePerson(db, personRef);
  await db.query(
    `INSERT INTO people (platform, user_id, display_name, role, cantiere_id, linked_to, linked_by)
     SELECT $1, $2, $3, p.role, p.cantiere_id, p.user_id, $5 FROM people p WHERE p.platform = 'programme' AND p.user_id = $4
     ON CONFLICT (platform, user_id) DO UPDATE SET linked_to = excluded.linked_to, linked_by = excluded.linked_by,
       role = excluded.role, cantiere_id = excluded.cantiere_id, updated_at = now()`,
    [account.platform, account.userId, account.displayName || account.userId, person.user_id, linkedBy],
  );
  return { person: person.display_name, role: person.role };
}

/** Undoes a link: the account is a member again. */
export async function unlinkAccount(db: Queryable, account: { platform: 'slack' | 'teams'; userId: string }): Promise<boolean> {
  const rows = await db.query(
    `UPDATE people SET linked_to = NULL, linked_by = NULL, role = 'member', cantiere_id = NULL, updated_at = now()
     WHERE platform = $1 AND user_id = $2 RETURNING user_id`,
    [account.platform, account.userId],
  );
  return rows.length > 0;
}
