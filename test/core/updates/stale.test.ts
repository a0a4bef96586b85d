import { expect, test } from 'vitest';
import { isStale } from '../../../src/core/updates/stale.ts';

test('one "stale" rule: no update for N days or more (or never), to the millisecond', () => {
  const now = new Date('2026-11-30T09:00:00Z');
  expect(isStale('2026-11-16T09:00:00Z', now, 14)).toBe(true); // exactly 14 days
  expect(isStale('2026-11-16T09:00:01Z', now, 14)).toBe(false);
  expect(isStale(new Date('2026-10-01T00:00:00Z'), now, 14)).toBe(true);
  expect(isStale(null, now, 14)).toBe(true);
});
