import { Cron } from 'croner';
import { addDays, DAY_MS, dateToUtcMs, localDate, startOfLocalDay } from '../time.ts';

/** ISO weeks and the digest's schedule in the programme's time zone (calendar arithmetic: `../time.ts`). */

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** ISO week ('2026-W48') of a calendar date. */
export function isoWeekOfDate(date: string): string {
  const ms = dateToUtcMs(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = ms + (3 - weekday) * DAY_MS; // the week belongs to the year of its Thursday
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** ISO week of an instant, in the programme's time zone. */
export function isoWeekOf(instant: Date, tz: string): string {
  return isoWeekOfDate(localDate(instant, tz));
}

export class WeekFormatError extends Error {}

/** Validates 'YYYY-Www' (also accepts a lower-case w) and returns it normalised. */
export function parseIsoWeek(text: string): string {
  const m = WEEK_RE.exec(text.trim().toUpperCase());
  if (!m) throw new WeekFormatError(`"${text}" is not an ISO week: expected YYYY-Www, e.g. 2026-W48`);
  const week = `${m[1]}-W${m[2]}`;
  if (Number(m[2]) < 1 || isoWeekOfDate(weekMonday(week)) !== week) {
    throw new WeekFormatError(`"${text}" is not an ISO week: ${m[1]} has no week ${Number(m[2])}`);
  }
  return week;
}

/** The Monday of an ISO week, as a calendar date. */
export function weekMonday(week: string): string {
  const m = WEEK_RE.exec(week);
  if (!m) throw new WeekFormatError(`"${week}" is not an ISO week`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const mondayWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return addDays(new Date(mondayWeek1).toISOString().slice(0, 10), (Number(m[2]) - 1) * 7);
}

/** The instants a week starts and ends (Monday 00:00 to the next Monday 00:00, local time). */
export function weekBounds(week: string, tz: string): { start: Date; end: Date } {
  const monday = weekMonday(week);
  return { start: startOfLocalDay(monday, tz), end: startOfLocalDay(addDays(monday, 7), tz) };
}

/**
 * When the digest of a week is due: the first run of the cron pattern inside that week, in the
 * programme's time zone; null when the pattern has no run in that week (e.g. a monthly pattern).
 */
export function scheduledTimeOfWeek(week: string, cron: string, tz: string): Date | null {
  const { start, end } = weekBounds(week, tz);
  const next = new Cron(cron, { timezone: tz, paused: true }).nextRun(new Date(start.getTime() - 1));
  return next && next < end ? next : null;
}

/** The next run of the cron pattern after an instant. */
export function nextScheduledTime(cron: string, tz: string, after: Date): Date | null {
  return new Cron(cron, { timezone: tz, paused: true }).nextRun(after);
}
