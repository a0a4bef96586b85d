import type { Queryable } from '../../../db/client.ts';
import { PROGRAMME_PLATFORM, type Programme } from '../../programme/model.ts';
import type { UpdateStatus } from '../updates/schema.ts';
import { isStale } from '../updates/stale.ts';
import { digestIndicators } from './indicators.ts';
import type { AttentionItem, DigestData, DueItem, PersonRef, ProjectDigest, StaleItem } from './types.ts';
import { addDays, daysBetween, localDate } from '../time.ts';
import { isoWeekOf, scheduledTimeOfWeek, weekBounds, weekMonday } from './week.ts';

const DAY_MS = 86_400_000;
/** Due dates this close are listed. */
export const DUE_WITHIN_DAYS = 14;

export class DigestInputError extends Error {}

/**
 * The instant a week's digest describes: now for the current week (a late digest includes what was
 * logged until it went out); for any other week, that week's scheduled digest time (what it showed,
 * or will show, then), or its Monday 00:00 when the schedule has no run that week.
 */
export function digestTime(programme: Programme, week: string, now: Date = new Date()): Date {
  if (isoWeekOf(now, programme.timezone) === week) return now;
  return scheduledTimeOfWeek(week, programme.digestCron, programme.timezone) ?? weekBounds(week, programme.timezone).start;
}

interface Snapshot {
  id: number;
  project_id: string;
  status: UpdateStatus;
  progress: number | null;
  summary: string;
  next_steps: string | null;
  blockers: string | null;
  due_date: string | null;
  author_name: string;
  created_at: Date;
}

/**
 * The latest update of each project as of an instant: the newest row logged by then that no row
 * logged by then supersedes (updates are append-only; an edit is a new row naming the old one).
 */
async function latestAsOf(db: Queryable, projectIds: string[], at: Date): Promise<Map<string, Snapshot>> {
  const rows = await db.query<Snapshot>(
    `SELECT DISTINCT ON (u.project_id) u.id, u.project_id, u.status, u.progress, u.summary, u.next_steps,
            u.blockers, u.due_date, u.author_name, u.created_at
       FROM updates u
      WHERE u.project_id = ANY($1::text[]) AND u.created_at <= $2
        AND NOT EXISTS (SELECT 1 FROM updates r WHERE r.supersedes = u.id AND r.created_at <= $2)
      ORDER BY u.project_id, u.created_at DESC, u.id DESC`,
    [projectIds, at],
  );
  return new Map(rows.map((r) => [r.project_id, r]));
}

async function activity(db: Queryable, projectIds: string[], at: Date): Promise<Map<string, { count: number; last: Date }>> {
  const rows = await db.query<{ project_id: string; this_week: number; last_at: Date }>(
    `SELECT project_id, count(*) FILTER (WHERE created_at > $3)::int AS this_week, max(created_at) AS last_at
       FROM updates WHERE project_id = ANY($1::text[]) AND created_at <= $2
      GROUP BY project_id`,
    [projectIds, at, new Date(at.getTime() - 7 * DAY_MS)],
  );
  return new Map(rows.map((r) => [r.project_id, { count: Number(r.this_week), last: new Date(r.last_at) }]));
}

async function teamLeaderOf(db: Queryable, cantiereId: string, name: string | null): Promise<PersonRef | null> {
  const rows = await db.query<{ platform: string; user_id: string; display_name: string }>(
    `SELECT platform, user_id, display_name FROM people
      WHERE role = 'team_leader' AND cantiere_id = $1 AND platform <> $2
      ORDER BY updated_at DESC`,
    [cantiereId, PROGRAMME_PLATFORM],
  );
  // With a name in the programme file, only accounts of that person; otherwise whoever leads it.
  const mine = name ? rows.filter((r) => r.display_name.toLowerCase() === name.toLowerCase()) : rows;
  const displayName = name ?? mine[0]?.display_name ?? null;
  if (!displayName) return null;
  const accounts: PersonRef['accounts'] = [];
  for (const r of mine) if (!accounts.some((a) => a.platform === r.platform)) accounts.push({ platform: r.platform, userId: r.user_id });
  return { name: displayName, accounts };
}

function emptyToNull(text: string | null | undefined): string | null {
  return text?.trim() ? text.trim() : null;
}

export interface BuildDigestOptions {
  week: string;
  /** The instant described; defaults to digestTime(programme, week). */
  asOf?: Date;
  /** Defaults to 14 days. */
  dueWithinDays?: number;
}

/** The digest of one cantiere for one ISO week, as plain data (no LLM summary; see summary.ts). */
export async function buildDigest(db: Queryable, programme: Programme, cantiereId: string, opts: BuildDigestOptions): Promise<DigestData> {
  const cantiere = programme.cantieri.find((c) => c.id === cantiereId);
  if (!cantiere) {
    const known = programme.cantieri.filter((c) => !c.archived).map((c) => c.id);
    throw new DigestInputError(`unknown cantiere "${cantiereId}" (known: ${known.join(', ')})`);
  }
  const tz = programme.timezone;
  const asOf = opts.asOf ?? digestTime(programme, opts.week);
  const asOfDate = localDate(asOf, tz);
  const dueWithinDays = opts.dueWithinDays ?? DUE_WITHIN_DAYS;
  const projects = cantiere.projects.filter((p) => !p.archived);
  const ids = projects.map((p) => p.id);
  const [now, before, act, teamLeader, indicators] = await Promise.all([
    latestAsOf(db, ids, asOf),
    latestAsOf(db, ids, new Date(asOf.getTime() - 7 * DAY_MS)),
    activity(db, ids, asOf),
    teamLeaderOf(db, cantiere.id, cantiere.teamLeader),
    digestIndicators(db, cantiere.id, asOf, asOfDate, programme.language),
  ]);

  const projectDigests: ProjectDigest[] = projects.map((p) => {
    const cur = now.get(p.id);
    const prev = before.get(p.id);
    const progress = cur?.progress ?? null;
    const previousProgress = prev?.progress ?? null;
    return {
      id: p.id,
      name: p.name,
      status: cur?.status ?? null,
      previousStatus: prev?.status ?? null,
      statusChanged: !!cur && cur.status !== (prev?.status ?? null),
      progress,
      previousProgress,
      progressDelta: progress !== null && previousProgress !== null ? progress - previousProgress : null,
      summary: emptyToNull(cur?.summary),
      nextSteps: emptyToNull(cur?.next_steps),
      blockers: emptyToNull(cur?.blockers),
      dueDate: cur?.due_date ?? null,
      lastUpdateAt: act.get(p.id)?.last.toISOString() ?? null,
      lastUpdateBy: cur?.author_name ?? null,
      updatesThisWeek: act.get(p.id)?.count ?? 0,
    };
  });

  const open = projectDigests.filter((p) => p.status !== 'done');
  const attention: AttentionItem[] = open
    .map((p) => {
      const overdue = !!p.dueDate && p.dueDate < asOfDate;
      return {
        projectId: p.id,
        projectName: p.name,
        status: p.status,
        blocked: p.status === 'blocked' || !!p.blockers,
        blockers: p.blockers,
        overdue,
        dueDate: p.dueDate,
        daysOverdue: overdue ? daysBetween(p.dueDate!, asOfDate) : 0,
      };
    })
    .filter((a) => a.blocked || a.overdue)
    .sort(
      (a, b) =>
        Number(b.blocked) - Number(a.blocked) ||
        Number(b.status === 'blocked') - Number(a.status === 'blocked') ||
        b.daysOverdue - a.daysOverdue,
    );

  const lastDue = addDays(asOfDate, dueWithinDays);
  const dueSoon: DueItem[] = open
    .filter((p) => p.dueDate && p.dueDate >= asOfDate && p.dueDate <= lastDue)
    .map((p) => ({ projectId: p.id, projectName: p.name, dueDate: p.dueDate!, daysLeft: daysBetween(asOfDate, p.dueDate!), status: p.status }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.projectName.localeCompare(b.projectName));

  const stale: StaleItem[] = open
    .filter((p) => isStale(p.lastUpdateAt, asOf, programme.staleAfterDays))
    .map((p) => ({
      projectId: p.id,
      projectName: p.name,
      lastUpdateAt: p.lastUpdateAt,
      daysSinceUpdate: p.lastUpdateAt ? Math.floor((asOf.getTime() - Date.parse(p.lastUpdateAt)) / DAY_MS) : null,
    }));

  const monday = weekMonday(opts.week);
  return {
    programme: { id: programme.id, name: programme.name },
    cantiere: { id: cantiere.id, number: cantiere.number, name: cantiere.name },
    lang: programme.language,
    timezone: tz,
    week: opts.week,
    weekStart: monday,
    weekEnd: addDays(monday, 6),
    asOf: asOf.toISOString(),
    asOfDate,
    teamLeader,
    attention,
    projects: projectDigests,
    dueSoon,
    dueWithinDays,
    stale,
    staleAfterDays: programme.staleAfterDays,
    indicators,
    summary: null,
  };
}

/** The cantieri that get a digest: every active one, or the one asked for. */
export function digestCantieri(programme: Programme, cantiereId?: string): string[] {
  if (cantiereId) {
    const c = programme.cantieri.find((x) => x.id === cantiereId);
    if (!c) {
      const known = programme.cantieri.filter((x) => !x.archived).map((x) => x.id);
      throw new DigestInputError(`unknown cantiere "${cantiereId}" (known: ${known.join(', ')})`);
    }
    return [c.id];
  }
  return programme.cantieri.filter((c) => !c.archived).map((c) => c.id);
}
