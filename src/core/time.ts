import type { Lang } from './types.ts';

/**
 * Calendar and time-zone arithmetic and dates in words, for the whole program. Calendar dates are
 * 'YYYY-MM-DD' strings (as the database returns them); instants are Dates. Days are counted in UTC
 * on the date strings, so no DST shift can move a date. Month names come from Intl: no table.
 */

export const DAY_MS = 86_400_000;
const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

function localParts(instant: Date, tz: string): Parts {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as Parts;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date of an instant in a time zone ("today" in the programme's zone); UTC by default. */
export function localDate(instant: Date, tz = 'UTC'): string {
  const p = localParts(instant, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function dateToUtcMs(date: string): number {
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

/** Whole calendar days between two instants, as the clock reads in a time zone. */
export function calendarDaysBetween(from: Date, to: Date, tz = 'UTC'): number {
  return daysBetween(localDate(from, tz), localDate(to, tz));
}

/** Monday = 0 ... Sunday = 6. */
export function weekdayOf(date: string): number {
  return (new Date(dateToUtcMs(date)).getUTCDay() + 6) % 7;
}

/** The last day of a month (1-12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Offset of the zone from UTC at an instant, in ms (Europe/Rome: +1h in winter, +2h in summer). */
function zoneOffsetMs(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar date starts (00:00 local) in a time zone. */
export function startOfLocalDay(date: string, tz: string): Date {
  const guess = dateToUtcMs(date);
  let t = guess - zoneOffsetMs(new Date(guess), tz);
  // Second pass: the offset at the answer may differ from the offset at the guess (DST edges).
  t = guess - zoneOffsetMs(new Date(t), tz);
  return new Date(t);
}

/** Month names, January first, lower case ("gennaio", "january"; short: "gen", "jan"). */
export function monthNames(lang: Lang, width: 'long' | 'short' = 'long'): string[] {
  const f = new Intl.DateTimeFormat(LOCALES[lang], { month: width, timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2001, i, 15))).toLowerCase().replace(/\.$/, ''));
}

/**
 * "31 marzo 2027" / "31 March 2027" (short: "31 mar 2027") from YYYY-MM-DD, or from an ISO
 * timestamp read in the time zone given.
 */
export function formatDate(value: string, lang: Lang, timeZone = 'UTC', month: 'long' | 'short' = 'long'): string {
  const dateOnly = DATE_ONLY.test(value);
  const d = dateOnly ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month, year: 'numeric', timeZone: dateOnly ? 'UTC' : timeZone }).format(d);
}

/** "30 novembre 2026 alle ore 10:00" / "30 November 2026 at 10:00": an instant in a time zone. */
export function formatDateTime(instant: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant);
}

/** "10:00": the clock time of an instant in a time zone. */
export function formatTime(instant: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', timeZone }).format(instant);
}
