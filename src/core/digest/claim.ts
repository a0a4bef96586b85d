import type { Queryable } from '../../../db/client.ts';

/**
 * "Exactly once per cantiere per week per platform" is decided here, in the `digests` table, so it
 * holds across replicas sharing one PostgreSQL and across restarts:
 *
 * 1. claim: INSERT ... ON CONFLICT DO NOTHING; when the row exists, a compare-and-swap UPDATE takes
 *    it over only if its claim expired (state 'claimed' and no heartbeat for a lease), or, when asked,
 *    if it 'failed' (retry) or was 'posted' (--force). The database clock decides expiry.
 * 2. before each attempt the owner bumps `attempts` and `claimed_at` (only if it still owns the
 *    claim); while a post is in flight a heartbeat keeps the claim fresh.
 * 3. after the platform accepted the message: state 'posted' + message_ref. A final failure: 'failed'.
 *
 * Residual risk (documented, not hidden): if a process dies after the platform accepted a message
 * and before step 3 committed (the length of one HTTP response plus one UPDATE), the claim expires
 * and another replica posts again. A claim taken over with attempts > 0 is exactly that case and is
 * logged as "possible duplicate". No chat platform's post API offers an
 * idempotency key, so the alternative would be to risk losing the digest instead.
 */

export interface DigestKey {
  cantiereId: string;
  week: string;
  /** The channel's platform name for digests; 'reminder:<platform>:<user>' for reminders. */
  platform: string;
}

export interface DigestRow {
  cantiere_id: string;
  iso_week: string;
  platform: string;
  state: 'claimed' | 'posted' | 'failed';
  claimed_by: string;
  claimed_at: Date;
  attempts: number;
  posted_at: Date | null;
  message_ref: string | null;
  last_error: string | null;
}

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  /** Take over a digest whose posting finally failed (an explicit retry). */
  retakeFailed?: boolean;
  /** Take over a digest already posted (post it again: `--force`). */
  force?: boolean;
}

export type Claim =
  | { claimed: true; how: 'new' | 'expired' | 'failed' | 'forced'; previous: DigestRow | null }
  | { claimed: false; row: DigestRow; why: 'posted' | 'in_progress' | 'failed' };

const PK = `cantiere_id = $1 AND iso_week = $2 AND platform = $3`;

function keyParams(k: DigestKey): unknown[] {
  return [k.cantiereId, k.week, k.platform];
}

export async function readDigestRow(db: Queryable, key: DigestKey): Promise<DigestRow | null> {
  const [row] = await db.query<DigestRow>(`SELECT * FROM digests WHERE ${PK}`, keyParams(key));
  return row ?? null;
}

export async function claimDigest(db: Queryable, key: DigestKey, opts: ClaimOptions): Promise<Claim> {
  const inserted = await db.query(
    `INSERT INTO digests (cantiere_id, iso_week, platform, state, claimed_by, claimed_at, attempts)
     VALUES ($1, $2, $3, 'claimed', $4, now(), 0)
     ON CONFLICT (cantiere_id, iso_week, platform) DO NOTHING RETURNING cantiere_id`,
    [...keyParams(key), opts.owner],
  );
  if (inserted.length) return { claimed: true, how: 'new', previous: null };

  // Each turn means another replica changed the row between our read and our swap; a few suffice.
  for (let turn = 0; ; turn++) {
    const row = await readDigestRow(db, key);
    if (!row) {
      // Deleted by hand between the two statements: start over with a fresh claim.
      return claimDigest(db, key, opts);
    }
    const wanted =
      row.state === 'claimed' ? 'expired' : row.state === 'failed' && opts.retakeFailed ? 'failed' : row.state === 'posted' && opts.force ? 'forced' : null;
    if (!wanted) {
      return { claimed: false, row, why: row.state === 'claimed' ? 'in_progress' : row.state };
    }
    // Compare-and-swap on what we just read; expiry is judged by the database clock, so a live
    // owner's heartbeat (which moves claimed_at) always wins against a takeover.
    const taken = await db.query(
      `UPDATE digests SET state = 'claimed', claimed_by = $4, claimed_at = now(),
              attempts = CASE WHEN state = 'claimed' THEN attempts ELSE 0 END
        WHERE ${PK} AND state = $5 AND claimed_by = $6 AND attempts = $7
          AND (state <> 'claimed' OR claimed_at < now() - make_interval(secs => $8::double precision / 1000))
        RETURNING cantiere_id`,
      [...keyParams(key), opts.owner, row.state, row.claimed_by, row.attempts, opts.leaseMs],
    );
    if (taken.length) return { claimed: true, how: wanted, previous: row };
    if (row.state === 'claimed' || turn >= 5) {
      const now = await readDigestRow(db, key);
      if (now && now.state === 'claimed' && now.claimed_by === row.claimed_by && now.attempts === row.attempts) {
        return { claimed: false, row: now, why: 'in_progress' };
      }
      if (turn >= 5 && now) return { claimed: false, row: now, why: now.state === 'claimed' ? 'in_progress' : now.state };
    }
    // The row changed under us (another replica moved it): look again.
  }
}

/** Before an attempt: counts it and refreshes the claim; false when the claim is no longer ours. */
export async function startAttempt(db: Queryable, key: DigestKey, owner: string): Promise<number | null> {
  const [row] = await db.query<{ attempts: number }>(
    `UPDATE digests SET attempts = attempts + 1, claimed_at = now()
      WHERE ${PK} AND state = 'claimed' AND claimed_by = $4 RETURNING attempts`,
    [...keyParams(key), owner],
  );
  return row ? row.attempts : null;
}

/** Keeps a claim alive while its owner is busy posting. */
export async function heartbeat(db: Queryable, key: DigestKey, owner: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE digests SET claimed_at = now() WHERE ${PK} AND state = 'claimed' AND claimed_by = $4 RETURNING cantiere_id`,
    [...keyParams(key), owner],
  );
  return rows.length > 0;
}

export async function recordAttemptError(db: Queryable, key: DigestKey, owner: string, error: string): Promise<void> {
  await db.query(`UPDATE digests SET last_error = $5 WHERE ${PK} AND state = 'claimed' AND claimed_by = $4`, [...keyParams(key), owner, error]);
}

/**
 * The platform accepted the message. Recorded even if our claim was taken over meanwhile (so the
 * other replica's next attempt sees 'posted' and stops); false when it was already posted by
 * someone else, i.e. a duplicate went out.
 */
export async function recordPosted(db: Queryable, key: DigestKey, owner: string, messageRef: string, content: unknown): Promise<boolean> {
  const rows = await db.query(
    `UPDATE digests SET state = 'posted', claimed_by = $4, posted_at = now(), message_ref = $5, content = $6, last_error = NULL
      WHERE ${PK} AND (state <> 'posted' OR claimed_by = $4) RETURNING cantiere_id`,
    [...keyParams(key), owner, messageRef, content ?? null],
  );
  return rows.length > 0;
}

export async function recordFailed(db: Queryable, key: DigestKey, owner: string, error: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE digests SET state = 'failed', last_error = $5 WHERE ${PK} AND state = 'claimed' AND claimed_by = $4 RETURNING cantiere_id`,
    [...keyParams(key), owner, error],
  );
  return rows.length > 0;
}
