import type { Queryable, Row } from '../../../db/client.ts';
import type { AppContext } from '../../app.ts';
import { provenanceOf } from '../provenance.ts';
import type { Actor, Lang } from '../types.ts';
import { localDate } from '../time.ts';
import { checkCanLogInCantiere, checkCanLogUpdate, type AuthResult } from '../updates/auth.ts';
import type { UpdateSource } from '../updates/store.ts';
import { readIndicators, type Indicator } from './catalogue.ts';

/** A measured value as stored: append-only, with who logged it, when it was measured and where it comes from. */
export interface IndicatorValue {
  id: number;
  indicatorId: string;
  value: number;
  /** YYYY-MM-DD: the date the measurement refers to. */
  measuredOn: string;
  dataSource: string | null;
  note: string | null;
  author: { platform: string; userId: string; displayName: string };
  origin: UpdateSource;
  sourceRef: string | null;
  sourceText: string | null;
  supersedes: number | null;
  createdAt: string;
}

export interface IndicatorValueInput {
  indicator: string;
  value: number;
  measuredOn: string;
  dataSource?: string | null;
  note?: string | null;
}

export interface SaveValueOptions {
  origin: UpdateSource;
  sourceRef?: string | null;
  sourceText?: string | null;
  supersedes?: number;
  lang?: Lang;
}

export class IndicatorValueError extends Error {}

function toValue(r: Row): IndicatorValue {
  return {
    id: Number(r.id),
    indicatorId: r.indicator_id,
    value: Number(r.value),
    measuredOn: String(r.measured_on).slice(0, 10),
    dataSource: r.data_source,
    note: r.note,
    origin: r.origin,
    ...provenanceOf(r),
  };
}

/** Authorised like a progress update: the project's rule for a project indicator, the cantiere's otherwise. */
export async function checkCanLogValue(app: AppContext, actor: Actor, indicator: Indicator, lang?: Lang) {
  const name = indicator.name[lang ?? 'it'];
  return indicator.projectId
    ? checkCanLogUpdate(app, actor, indicator.projectId, lang)
    : checkCanLogInCantiere(app, actor, indicator.cantiereId, name, lang);
}

/** What a run of checks (an import) learns once: the indicators, and each author's right per indicator. */
export interface CheckBatch {
  indicators?: Indicator[];
  /** Today's date in the programme's timezone. */
  today?: string;
  authorised: Map<string, AuthResult>;
}

/**
 * Checks one value before it is written: the indicator, the figure, the date (not in the future,
 * not before the baseline) and the author's right to log it. Returns the indicator.
 */
export async function checkIndicatorValue(app: AppContext, input: IndicatorValueInput, actor: Actor, lang?: Lang, batch?: CheckBatch): Promise<Indicator> {
  // A batch reads the indicators once for all its values.
  const indicators = batch?.indicators ?? (await readIndicators(app.db));
  if (batch) batch.indicators = indicators;
  const indicator = indicators.find((i) => i.id === input.indicator);
  if (!indicator) throw new IndicatorValueError(`unknown indicator "${input.indicator}"`);
  if (!Number.isFinite(input.value)) throw new IndicatorValueError(`${indicator.id}: the value must be a number`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.measuredOn) || Number.isNaN(Date.parse(input.measuredOn))) {
    throw new IndicatorValueError(`${indicator.id}: measurement date "${input.measuredOn}" is not a date YYYY-MM-DD`);
  }
  if (input.measuredOn < indicator.baseline.date) {
    throw new IndicatorValueError(`${indicator.id}: measurement date ${input.measuredOn} is before the baseline (${indicator.baseline.date})`);
  }
  // "Today" is the programme's: past midnight in Rome a value measured today is not in the future, whatever UTC says.
  const today = batch?.today ?? localDate(new Date(), (await app.programme())?.timezone ?? 'UTC');
  if (batch) batch.today = today;
  if (input.measuredOn > today) {
    throw new IndicatorValueError(`${indicator.id}: measurement date ${input.measuredOn} is in the future`);
  }
  const key = `${actor.platform}:${actor.userId}:${indicator.id}`;
  const auth = batch?.authorised.get(key) ?? (await checkCanLogValue(app, actor, indicator, lang));
  batch?.authorised.set(key, auth);
  if (!auth.ok) throw new IndicatorValueError(auth.message);
  return indicator;
}

/** Inserts a checked value (inside the caller's transaction). */
export async function insertIndicatorValue(tx: Queryable, indicator: Indicator, input: IndicatorValueInput, actor: Actor, opts: SaveValueOptions): Promise<IndicatorValue> {
  if (opts.supersedes !== undefined) {
    const [prior] = await tx.query(
      `SELECT indicator_id, (SELECT id FROM indicator_values r WHERE r.supersedes = v.id) AS revised_by FROM indicator_values v WHERE id = $1`,
      [opts.supersedes],
    );
    if (!prior || prior.indicator_id !== indicator.id) throw new IndicatorValueError(`value #${opts.supersedes} of ${indicator.id} does not exist`);
    if (prior.revised_by !== null) throw new IndicatorValueError(`value #${opts.supersedes} was already corrected by #${prior.revised_by}: correct that one`);
  }
  const [row] = await tx.query(
    `INSERT INTO indicator_values (indicator_id, value, measured_on, supersedes, author_platform, author_id, author_name,
       data_source, note, origin, source_ref, source_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      indicator.id, input.value, input.measuredOn, opts.supersedes ?? null, actor.platform, actor.userId, actor.displayName,
      input.dataSource?.trim() || indicator.source, input.note?.trim() || null, opts.origin, opts.sourceRef ?? null, opts.sourceText ?? null,
    ],
  );
  return toValue(row);
}

/** One value of a batch to log (a form step, a CSV import), with what identifies it to the person. */
export interface ValueToLog<K> {
  key: K;
  input: IndicatorValueInput;
  actor: Actor;
  opts: SaveValueOptions;
}

/**
 * Logs a batch all or nothing: every value checked first (each problem under its key, nothing
 * written when there is one), then all appended in one transaction, in order.
 */
export async function logIndicatorValues<K>(
  app: AppContext,
  values: ValueToLog<K>[],
  lang?: Lang,
): Promise<{ ok: true; saved: { value: ValueToLog<K>; indicator: Indicator; stored: IndicatorValue }[] } | { ok: false; problems: { key: K; message: string }[] }> {
  const checked: { value: ValueToLog<K>; indicator: Indicator }[] = [];
  const problems: { key: K; message: string }[] = [];
  const batch: CheckBatch = { authorised: new Map() };
  for (const value of values) {
    try {
      checked.push({ value, indicator: await checkIndicatorValue(app, value.input, value.actor, lang, batch) });
    } catch (err) {
      if (!(err instanceof IndicatorValueError)) throw err;
      problems.push({ key: value.key, message: err.message });
    }
  }
  if (problems.length) return { ok: false, problems };
  const saved = await app.db.transaction(async (tx) => {
    const out: { value: ValueToLog<K>; indicator: Indicator; stored: IndicatorValue }[] = [];
    for (const c of checked) out.push({ ...c, stored: await insertIndicatorValue(tx, c.indicator, c.value.input, c.value.actor, c.value.opts) });
    return out;
  });
  return { ok: true, saved };
}

/** Appends one value (never UPDATE/DELETE: the database forbids it); a correction passes `supersedes`. */
export async function saveIndicatorValue(app: AppContext, input: IndicatorValueInput, actor: Actor, opts: SaveValueOptions): Promise<IndicatorValue> {
  const indicator = await checkIndicatorValue(app, input, actor, opts.lang);
  return app.db.transaction((tx) => insertIndicatorValue(tx, indicator, input, actor, opts));
}

/**
 * Current values (corrections replace what they correct), oldest measurement first; optionally of
 * some indicators and up to a date (inclusive).
 */
export async function listIndicatorValues(db: Queryable, filter: { indicatorIds?: string[]; until?: string } = {}): Promise<IndicatorValue[]> {
  const where = [`NOT EXISTS (SELECT 1 FROM indicator_values r WHERE r.supersedes = v.id)`];
  const params: unknown[] = [];
  if (filter.indicatorIds) where.push(`v.indicator_id = ANY($${params.push(filter.indicatorIds)}::text[])`);
  if (filter.until) where.push(`v.measured_on <= $${params.push(filter.until)}::date`);
  const rows = await db.query(`SELECT v.* FROM indicator_values v WHERE ${where.join(' AND ')} ORDER BY v.measured_on, v.id`, params);
  return rows.map(toValue);
}

/** Several measurements of the same day: the last logged one counts. */
export function latestPerDay(values: IndicatorValue[]): IndicatorValue[] {
  const byDay = new Map<string, IndicatorValue>();
  for (const v of values) {
    const prior = byDay.get(v.measuredOn);
    if (!prior || prior.id < v.id) byDay.set(v.measuredOn, v);
  }
  return [...byDay.values()].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn) || a.id - b.id);
}
