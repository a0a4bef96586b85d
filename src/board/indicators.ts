import type { AppContext } from '../app.ts';
import { readIndicators } from '../core/indicators/catalogue.ts';
import { latestPerDay, listIndicatorValues } from '../core/indicators/store.ts';
import type { Lang } from '../core/types.ts';

/**
 * The indicators the board charts, as plain data. The board draws them only when monitoring data
 * exists (no empty charts).
 */
export interface IndicatorView {
  id: string;
  name: Record<Lang, string>;
  unit: Record<Lang, string>;
  /** Whether more is better or less is better. */
  direction: 'higher' | 'lower';
  cantiereId: string | null;
  projectId: string | null;
  baseline: number | null;
  /** The next target still ahead (or the last one), with its date YYYY-MM-DD. */
  target: { value: number; date: string } | null;
  /** Reported values, oldest first. */
  series: { date: string; value: number }[];
}

/**
 * Indicators of the programme file with at least one reported value (current revisions, the last
 * of each day), each with its next target still ahead, or the last one when all have passed.
 */
export async function boardIndicators(app: AppContext, now: Date = new Date()): Promise<IndicatorView[]> {
  const indicators = (await readIndicators(app.db)).filter((i) => !i.archived);
  if (!indicators.length) return [];
  const values = await listIndicatorValues(app.db, { indicatorIds: indicators.map((i) => i.id) });
  const today = now.toISOString().slice(0, 10);
  return indicators
    .map((i) => {
      const series = latestPerDay(values.filter((v) => v.indicatorId === i.id)).map((v) => ({ date: v.measuredOn, value: v.value }));
      const next = i.targets.find((t) => t.by >= today) ?? i.targets[i.targets.length - 1];
      return {
        id: i.id,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        cantiereId: i.cantiereId,
        projectId: i.projectId,
        baseline: i.baseline.value,
        target: next ? { value: next.value, date: next.by } : null,
        series,
      };
    })
    .filter((i) => i.series.length > 0);
}
