import type { Indicator } from './catalogue.ts';

/**
 * Where an indicator stands against its target: latest value, gap, trend per month from the recent
 * values, and whether that trend reaches the target by its date. Pure arithmetic on the records.
 */

export interface ValuePoint {
  value: number;
  /** YYYY-MM-DD */
  date: string;
}

export type IndicatorState = 'reached' | 'on_track' | 'at_risk' | 'no_data';

export interface IndicatorAssessment {
  latest: ValuePoint | null;
  /** The target in play: the first not yet due nor met at the latest measurement, else the last one. */
  target: { value: number; by: string } | null;
  /** How much is still missing, in the good direction (0 once reached). */
  gap: number | null;
  /** Share of the way from baseline to target, 0-100+ (null without a latest value). */
  progressPct: number | null;
  /** Change per 30 days over the trend window (null with fewer than two points). */
  slopePerMonth: number | null;
  /** The value the trend gives at the target date. */
  projected: number | null;
  state: IndicatorState;
  /** Points the trend was computed from (value entries and possibly the baseline). */
  trendPoints: ValuePoint[];
}

const DAY = 86_400_000;
const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
/** The trend looks at the last year of measurements: older history says little about the pace now. */
const TREND_WINDOW_DAYS = 366;

export function better(direction: Indicator['direction'], a: number, b: number): boolean {
  return direction === 'higher' ? a >= b : a <= b;
}

/** Least-squares slope, per day. */
function slope(points: ValuePoint[]): number | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => t(p.date) / DAY);
  const ys = points.map((p) => p.value);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

/** `values` are the indicator's current value entries, any order. */
export function assess(indicator: Pick<Indicator, 'direction' | 'baseline' | 'targets'>, values: ValuePoint[]): IndicatorAssessment {
  const sorted = [...values].sort((a, b) => t(a.date) - t(b.date));
  const latest = sorted.at(-1) ?? null;
  const met = (x: { value: number }) => latest !== null && better(indicator.direction, latest.value, x.value);
  const target =
    indicator.targets.find((x) => !latest || (x.by >= latest.date && !met(x))) ??
    indicator.targets.find((x) => !latest || x.by >= latest.date) ??
    indicator.targets.at(-1) ??
    null;
  if (!latest || !target) {
    return { latest, target, gap: null, progressPct: null, slopePerMonth: null, projected: null, state: 'no_data', trendPoints: [] };
  }
  const dir = indicator.direction === 'higher' ? 1 : -1;
  const gap = Math.max(0, (target.value - latest.value) * dir);
  const span = target.value - indicator.baseline.value;
  const progressPct = span === 0 ? 100 : ((latest.value - indicator.baseline.value) / span) * 100;
  const since = t(latest.date) - TREND_WINDOW_DAYS * DAY;
  let trendPoints = sorted.filter((p) => t(p.date) >= since);
  // One measurement alone: the pace since the baseline.
  if (trendPoints.length < 2 && indicator.baseline.date < latest.date) trendPoints = [indicator.baseline, ...trendPoints];
  const perDay = slope(trendPoints);
  const projected = perDay === null ? null : latest.value + perDay * ((t(target.by) - t(latest.date)) / DAY);
  let state: IndicatorState;
  if (gap === 0) state = 'reached';
  else if (projected !== null && better(indicator.direction, projected, target.value)) state = 'on_track';
  else state = 'at_risk';
  return { latest, target, gap, progressPct, slopePerMonth: perDay === null ? null : perDay * 30, projected, state, trendPoints };
}
