import { expect, test } from 'vitest';
import { isoWeekOf, isoWeekOfDate, parseIsoWeek, scheduledTimeOfWeek, weekBounds, weekMonday } from '../../../src/core/digest/week.ts';
import { startOfLocalDay } from '../../../src/core/time.ts';

test('ISO weeks at year boundaries (the week belongs to the year of its Thursday)', () => {
  expect(isoWeekOfDate('2026-11-23')).toBe('2026-W48');
  expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
  expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
  expect(isoWeekOfDate('2026-12-31')).toBe('2026-W53');
  expect(weekMonday('2025-W01')).toBe('2024-12-30');
  expect(weekMonday('2026-W48')).toBe('2026-11-23');
});

test('the week of an instant is read in the programme time zone', () => {
  // Sunday 23:30 UTC is already Monday 00:30 in Rome.
  expect(isoWeekOf(new Date('2026-11-22T23:30:00Z'), 'Europe/Rome')).toBe('2026-W48');
  expect(isoWeekOf(new Date('2026-11-22T23:30:00Z'), 'UTC')).toBe('2026-W47');
});

test('week bounds and the scheduled digest time follow daylight saving time', () => {
  expect(startOfLocalDay('2026-07-06', 'Europe/Rome').toISOString()).toBe('2026-07-05T22:00:00.000Z');
  expect(weekBounds('2026-W48', 'Europe/Rome').start.toISOString()).toBe('2026-11-22T23:00:00.000Z');
  // Mondays 09:00 in Rome: 07:00 UTC in summer, 08:00 UTC in winter.
  expect(scheduledTimeOfWeek('2026-W28', '0 9 * * 1', 'Europe/Rome')?.toISOString()).toBe('2026-07-06T07:00:00.000Z');
  expect(scheduledTimeOfWeek('2026-W48', '0 9 * * 1', 'Europe/Rome')?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  // A pattern with no run in that week.
  expect(scheduledTimeOfWeek('2026-W48', '0 9 1 1 *', 'Europe/Rome')).toBeNull();
});

test('a malformed or impossible week is refused with a clear message', () => {
  expect(parseIsoWeek('2026-w05')).toBe('2026-W05');
  expect(() => parseIsoWeek('2026-48')).toThrow('"2026-48" is not an ISO week: expected YYYY-Www, e.g. 2026-W48');
  expect(() => parseIsoWeek('2025-W53')).toThrow('2025 has no week 53');
  expect(() => parseIsoWeek('2026-W00')).toThrow('2026 has no week 0');
});
