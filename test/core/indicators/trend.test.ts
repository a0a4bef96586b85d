import { expect, test } from 'vitest';
import { assess } from '../../../src/core/indicators/trend.ts';

const higher = { direction: 'higher' as const, baseline: { value: 70, date: '2025-01-01' }, targets: [{ value: 100, by: '2026-12-31' }] };

test('a steady climb that reaches the target by its date is on track, with gap and share of the way', () => {
  const values = [
    { value: 80, date: '2025-06-30' },
    { value: 85, date: '2025-09-30' },
    { value: 90, date: '2025-12-31' },
  ];
  const a = assess(higher, values);
  expect(a.latest).toEqual({ value: 90, date: '2025-12-31' });
  expect(a.gap).toBe(10);
  expect(Math.round(a.progressPct!)).toBe(67);
  expect(a.slopePerMonth).toBeGreaterThan(1.5);
  expect(a.projected).toBeGreaterThan(100);
  expect(a.state).toBe('on_track');
});

test('too slow a climb puts the target at risk; a target already met is reached', () => {
  const slow = assess(higher, [
    { value: 71, date: '2025-06-30' },
    { value: 72, date: '2025-12-31' },
  ]);
  expect(slow.state).toBe('at_risk');
  expect(slow.projected).toBeLessThan(100);
  expect(assess(higher, [{ value: 101, date: '2025-12-31' }]).state).toBe('reached');
});

test('lower is better: a falling value counts as progress', () => {
  const co2 = { direction: 'lower' as const, baseline: { value: 8, date: '2025-01-01' }, targets: [{ value: 7, by: '2026-12-31' }] };
  const a = assess(co2, [
    { value: 7.8, date: '2025-06-30' },
    { value: 7.4, date: '2025-12-31' },
  ]);
  expect(a.gap).toBeCloseTo(0.4);
  expect(a.state).toBe('on_track');
  expect(assess(co2, [{ value: 8.2, date: '2025-12-31' }]).state).toBe('at_risk');
});

test('a met intermediate target hands over to the next one; no values means no data', () => {
  const two = { ...higher, targets: [{ value: 80, by: '2025-12-31' }, { value: 100, by: '2026-12-31' }] };
  expect(assess(two, [{ value: 85, date: '2025-10-31' }]).target).toEqual({ value: 100, by: '2026-12-31' });
  expect(assess(higher, []).state).toBe('no_data');
});
