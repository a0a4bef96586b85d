const DAY_MS = 86_400_000;

/**
 * THE "stale" rule, for the digest, the status answers and every board: a project is stale when
 * nothing was logged for it for `staleAfterDays` days or more (or ever). Whether a done project
 * counts is the caller's business.
 */
export function isStale(lastUpdateAt: Date | string | null, now: Date, staleAfterDays: number): boolean {
  if (lastUpdateAt === null) return true;
  return now.getTime() - new Date(lastUpdateAt).getTime() >= staleAfterDays * DAY_MS;
}
