import type { AppContext } from '../app.ts';
import type { Lang } from '../core/types.ts';

/**
 * The indicators the board charts, as plain data. The board draws them only when monitoring data
 * exists; until a monitoring source is connected, `boardIndicators` returns none and the board
 * shows no chart (rather than an empty one).
 */
export interface IndicatorView {
  id: string;
  name: Record<Lang, string>;
  unit: string;
  /** Whether more is better or less is better. */
  direction: 'increase' | 'decrease';
  cantiereId: string | null;
  projectId: string | null;
  baseline: number | null;
  /** The next target still ahead (or the last one), with its date YYYY-MM-DD. */
  target: { value: number; date: string } | null;
  /** Reported values, oldest first. */
  series: { date: string; value: number }[];
}

/**
 * Indicators with at least one reported value: the one seam where monitoring data reaches the
 * board. No monitoring store exists yet, so there is nothing to chart; when one lands, read it
 * here and the board draws it (views/indicator-chart.ts) with no other change.
 */
export async function boardIndicators(_app: AppContext): Promise<IndicatorView[]> {
  const reported: IndicatorView[] = [];
  return reported.filter((i) => i.series.length > 0);
}
