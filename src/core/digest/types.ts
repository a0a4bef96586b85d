import type { Lang } from '../types.ts';
import type { UpdateStatus } from '../updates/schema.ts';

/** A person the digest names, with the platform accounts a channel can mention. */
export interface PersonRef {
  name: string;
  /** One per platform at most, the most recently seen first. */
  accounts: { platform: string; userId: string }[];
}

/** One project in the digest: where it stands now and how that differs from a week before. */
export interface ProjectDigest {
  id: string;
  name: string;
  /** Status of the latest update as of the digest time; null when the project was never updated. */
  status: UpdateStatus | null;
  /** Status a week earlier; null when there was no update then. */
  previousStatus: UpdateStatus | null;
  statusChanged: boolean;
  progress: number | null;
  previousProgress: number | null;
  /** progress - previousProgress, when both are known. */
  progressDelta: number | null;
  summary: string | null;
  nextSteps: string | null;
  blockers: string | null;
  dueDate: string | null;
  /** When the latest update was logged (ISO instant) and by whom. */
  lastUpdateAt: string | null;
  lastUpdateBy: string | null;
  /** Updates logged (revisions included) in the 7 days before the digest time. */
  updatesThisWeek: number;
}

/** Something that needs attention: a blocked project, a project with blockers, or an overdue deadline. */
export interface AttentionItem {
  projectId: string;
  projectName: string;
  status: UpdateStatus | null;
  blocked: boolean;
  blockers: string | null;
  overdue: boolean;
  dueDate: string | null;
  /** Days past the due date (0 when not overdue). */
  daysOverdue: number;
}

export interface DueItem {
  projectId: string;
  projectName: string;
  dueDate: string;
  /** 0 = due today. */
  daysLeft: number;
  status: UpdateStatus | null;
}

export interface StaleItem {
  projectId: string;
  projectName: string;
  /** Last update logged (ISO instant), null when never updated. */
  lastUpdateAt: string | null;
  daysSinceUpdate: number | null;
}

/**
 * An indicator of the cantiere (or of one of its projects) that moved this week or whose target is
 * at risk (its trend misses the target date), with the person who reports it.
 */
export interface IndicatorDigest {
  id: string;
  /** Name in the digest's language; the unit as the programme file gives it. */
  name: string;
  unit: Record<Lang, string>;
  /** Latest value as of the digest time, and (when it moved) the measurement before it. */
  latest: { value: number; date: string } | null;
  previous: { value: number; date: string } | null;
  /** A value was logged in the 7 days before the digest time. */
  moved: boolean;
  state: 'reached' | 'on_track' | 'at_risk' | 'no_data';
  target: { value: number; by: string } | null;
  /** The value the trend gives at the target date. */
  projected: number | null;
  /** Who reports it (programme file), with their chat accounts; null when nobody is named. */
  owner: PersonRef | null;
}

/** The weekly digest of one cantiere, as plain data: every renderer and `--json` start from this. */
export interface DigestData {
  programme: { id: string; name: string };
  cantiere: { id: string; number: string; name: string };
  lang: Lang;
  timezone: string;
  /** ISO week, e.g. '2026-W48', and its Monday..Sunday dates. */
  week: string;
  weekStart: string;
  weekEnd: string;
  /** The instant the digest describes (ISO); "last week" means 7 days before it. */
  asOf: string;
  /** Local calendar date of asOf. */
  asOfDate: string;
  teamLeader: PersonRef | null;
  /** Blocked/with blockers first, then overdue; most urgent first. */
  attention: AttentionItem[];
  projects: ProjectDigest[];
  /** Due dates from asOfDate to asOfDate + dueWithinDays, soonest first. */
  dueSoon: DueItem[];
  dueWithinDays: number;
  /** Projects (not done) with no update for staleAfterDays or more. */
  stale: StaleItem[];
  staleAfterDays: number;
  /** Indicators that moved this week or whose target is at risk (absent in digests stored before indicators existed). */
  indicators?: IndicatorDigest[];
  /** A short paragraph written by the configured LLM; null when none is configured or it failed. */
  summary: string | null;
}
