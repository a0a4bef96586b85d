import type { Queryable } from '../../../db/client.ts';
import type { Lang } from '../types.ts';
import type { Direction, IndicatorFileEntry } from './definition.ts';

/** An indicator as the running service sees it (read from the database, loaded from the programme file). */
export interface Indicator {
  id: string;
  cantiereId: string;
  /** null for an indicator of the whole cantiere (axis). */
  projectId: string | null;
  name: Record<Lang, string>;
  unit: Record<Lang, string>;
  direction: Direction;
  baseline: { value: number; date: string };
  targets: { value: number; by: string }[];
  source: string | null;
  reportedBy: string | null;
  aliases: string[];
  archived: boolean;
}

interface Placed {
  entry: IndicatorFileEntry;
  cantiereId: string;
  projectId: string | null;
}

/** The indicators a programme file declares, with the cantiere/project each belongs to. */
export function placeIndicators(file: {
  cantieri: { id: string; indicators: IndicatorFileEntry[]; projects: { id: string; indicators: IndicatorFileEntry[] }[] }[];
}): Placed[] {
  return file.cantieri.flatMap((c) => [
    ...c.indicators.map((entry) => ({ entry, cantiereId: c.id, projectId: null })),
    ...c.projects.flatMap((p) => p.indicators.map((entry) => ({ entry, cantiereId: c.id, projectId: p.id }))),
  ]);
}

/**
 * Upserts the file's indicators (inside the programme load transaction); indicators that left the
 * file are archived, never deleted with their values. Returns how many rows changed.
 */
export async function upsertIndicators(tx: Queryable, programmeId: string, placed: Placed[]): Promise<number> {
  let changed = 0;
  for (const [position, { entry: x, cantiereId, projectId }] of placed.entries()) {
    const rows = await tx.query(
      `INSERT INTO indicators (id, programme_id, cantiere_id, project_id, name_it, name_en, unit_it, unit_en, direction,
         baseline_value, baseline_date, targets, source, reported_by, aliases, position, archived)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, false)
       ON CONFLICT (id) DO UPDATE SET programme_id = excluded.programme_id, cantiere_id = excluded.cantiere_id,
         project_id = excluded.project_id, name_it = excluded.name_it, name_en = excluded.name_en, unit_it = excluded.unit_it,
         unit_en = excluded.unit_en, direction = excluded.direction, baseline_value = excluded.baseline_value,
         baseline_date = excluded.baseline_date, targets = excluded.targets, source = excluded.source,
         reported_by = excluded.reported_by, aliases = excluded.aliases, position = excluded.position, archived = false, updated_at = now()
       WHERE (indicators.programme_id, indicators.cantiere_id, indicators.project_id, indicators.name_it, indicators.name_en,
              indicators.unit_it, indicators.unit_en, indicators.direction, indicators.baseline_value, indicators.baseline_date,
              indicators.targets, indicators.source, indicators.reported_by, indicators.aliases, indicators.position, indicators.archived)
         IS DISTINCT FROM (excluded.programme_id, excluded.cantiere_id, excluded.project_id, excluded.name_it, excluded.name_en,
              excluded.unit_it, excluded.unit_en, excluded.direction, excluded.baseline_value, excluded.baseline_date,
              excluded.targets, excluded.source, excluded.reported_by, excluded.aliases, excluded.position, false)
       RETURNING id`,
      [
        x.id, programmeId, cantiereId, projectId, x.name.it, x.name.en, x.unit.it, x.unit.en, x.direction,
        x.baseline.value, x.baseline.date, JSON.stringify(x.targets.map((t) => ({ value: t.value, by: t.by }))),
        x.source, x.reported_by, x.aliases, position,
      ],
    );
    changed += rows.length;
  }
  const archived = await tx.query(
    `UPDATE indicators SET archived = true, updated_at = now()
     WHERE programme_id = $1 AND archived = false AND NOT (id = ANY($2::text[])) RETURNING id`,
    [programmeId, placed.map((p) => p.entry.id)],
  );
  return changed + archived.length;
}

const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The programme's indicators in file order (active ones unless `includeArchived`). */
export async function readIndicators(db: Queryable, opts: { includeArchived?: boolean } = {}): Promise<Indicator[]> {
  const rows = await db.query(
    `SELECT i.* FROM indicators i
     WHERE i.programme_id = (SELECT id FROM programmes ORDER BY updated_at DESC LIMIT 1)
       ${opts.includeArchived ? '' : 'AND i.archived = false'}
     ORDER BY i.archived, i.position, i.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    cantiereId: r.cantiere_id,
    projectId: r.project_id,
    name: { it: r.name_it, en: r.name_en },
    unit: { it: r.unit_it, en: r.unit_en },
    direction: r.direction,
    baseline: { value: Number(r.baseline_value), date: day(r.baseline_date) },
    targets: (typeof r.targets === 'string' ? JSON.parse(r.targets) : r.targets).map((t: { value: number; by: string }) => ({ value: Number(t.value), by: t.by })),
    source: r.source,
    reportedBy: r.reported_by,
    aliases: r.aliases ?? [],
    archived: r.archived,
  }));
}
