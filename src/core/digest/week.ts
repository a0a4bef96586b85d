import { Cron } from 'croner';

/**
 * ISO-week and calendar arithmetic in the programme's time zone. Calendar dates are 'YYYY-MM-DD'
 * strings (as the database returns them); instants are Dates. Days are computed in UTC on the date
 * strings, so no DST shift can move a date.
 */

const DAY_MS = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;

function partsFormatter(tz: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

function localParts(instant: Date, tz: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The calendar date of an instant in a time zone. */
export function localDate(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function dateToUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** Offset of the zone from UTC at an instant, in ms (Europe/Rome: +1h in winter, +2h in summer). */
function zoneOffsetMs(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar date starts (00:00 local) in a time zone. */
export function startOfLocalDay(date: string, tz: string): Date {
  const guess = dateToUtcMs(date);
  let t = guess - zoneOffsetMs(new Date(guess), tz);
  // Second pass: the offset at the answer may differ from the offset at the guess (DST edges).
  t = guess - zoneOffsetMs(new Date(t), tz);
  return new Date(t);
}

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
  return utcMsToDate(mondayWeek1 + (Number(m[2]) - 1) * 7 * DAY_MS);
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
