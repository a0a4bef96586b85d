import type { AppContext } from '../../app.ts';
import type { Programme } from '../../programme/model.ts';
import { readIndicators, type Indicator } from '../indicators/catalogue.ts';
import { latestPerDay, listIndicatorValues, type IndicatorValue } from '../indicators/store.ts';
import { assess, type IndicatorAssessment } from '../indicators/trend.ts';
import type { Lang } from '../types.ts';
import type { UpdateStatus } from '../updates/schema.ts';
import { addDays, localDate, startOfLocalDay } from '../time.ts';
import { listUpdates, type StoredUpdate } from '../updates/store.ts';

/**
 * The periodic monitoring report as plain data: every figure and sentence carries the record it
 * comes from (an update `U<id>`, a value entry `V<id>`, or the programme file `P`), so each
 * renderer (Markdown, HTML, PDF, DOCX) can show the source next to it.
 */

export type Ref = `U${number}` | `V${number}` | 'P';

export interface ReportProject {
  id: string;
  name: string;
  /** The state at the end of the period: the newest update up to then. */
  status: UpdateStatus | null;
  progress: number | null;
  lastUpdate: { date: string; ref: Ref } | null;
  /** Updates logged within the period, oldest first. */
  history: { date: string; status: UpdateStatus; progress: number | null; summary: string; author: string; ref: Ref }[];
  blockers: { text: string; date: string; ref: Ref } | null;
  nextSteps: { text: string; date: string; ref: Ref } | null;
  dueDate: string | null;
}

export interface ReportIndicator {
  indicator: Indicator;
  assessment: IndicatorAssessment;
  /** Values up to the end of the period, oldest first. */
  values: { date: string; value: number; ref: Ref; author: string; source: string | null }[];
  /** The entry the latest value comes from. */
  latestRef: Ref | null;
  /** Values logged within the period. */
  inPeriod: number;
}

export interface ReportCantiere {
  id: string;
  number: string;
  name: string;
  teamLeader: string | null;
  projects: ReportProject[];
  indicators: ReportIndicator[];
}

export interface ReportSource {
  ref: Ref;
  kind: 'update' | 'value' | 'programme';
  date: string;
  author: string | null;
  what: string;
}

export interface ReportData {
  lang: Lang;
  programme: { id: string; name: string; timezone: string };
  period: { from: string; to: string };
  generatedAt: string;
  cantieri: ReportCantiere[];
  sources: ReportSource[];
}

export interface ReportOptions {
  /** YYYY-MM-DD, inclusive; default one year before `to`. */
  from?: string;
  /** YYYY-MM-DD, inclusive; default today. */
  to?: string;
  cantiereId?: string;
  now?: Date;
}

export class ReportError extends Error {}

const dayBefore = (d: string, years: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCFullYear(x.getUTCFullYear() - years);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
};

export async function buildReport(app: AppContext, opts: ReportOptions = {}): Promise<ReportData> {
  const programme = await app.programme();
  if (!programme) throw new ReportError('no programme loaded: run "regia programme load FILE" first');
  const now = opts.now ?? new Date();
  const tz = programme.timezone;
  const today = localDate(now, tz);
  const to = opts.to ?? today;
  const from = opts.from ?? dayBefore(to, 1);
  if (from > to) throw new ReportError(`--from ${from} is after --to ${to}`);
  const cantieri = programme.cantieri.filter((c) => !c.archived && (!opts.cantiereId || c.id === opts.cantiereId));
  if (opts.cantiereId && !cantieri.length) {
    throw new ReportError(`unknown cantiere "${opts.cantiereId}" (known: ${programme.cantieri.map((c) => c.id).join(', ')})`);
  }
  const until = startOfLocalDay(addDays(to, 1), tz);
  const since = startOfLocalDay(from, tz);
  const updates = await listUpdates(app.db, { cantiereId: opts.cantiereId, until });
  const indicators = (await readIndicators(app.db)).filter((i) => cantieri.some((c) => c.id === i.cantiereId));
  const values = await listIndicatorValues(app.db, { indicatorIds: indicators.map((i) => i.id), until: to });
  const sources = new Map<Ref, ReportSource>();
  const day = (iso: string) => localDate(new Date(iso), tz);
  const refUpdate = (u: StoredUpdate): Ref => {
    const ref: Ref = `U${u.id}`;
    sources.set(ref, { ref, kind: 'update', date: day(u.createdAt), author: u.author.displayName, what: `${u.projectName}: ${u.summary}` });
    return ref;
  };
  const refValue = (v: IndicatorValue, i: Indicator): Ref => {
    const ref: Ref = `V${v.id}`;
    sources.set(ref, { ref, kind: 'value', date: v.measuredOn, author: v.author.displayName, what: `${i.name[programme.language]}: ${v.value}${v.dataSource ? ` (${v.dataSource})` : ''}` });
    return ref;
  };
  const out: ReportCantiere[] = cantieri.map((c) => ({
    id: c.id,
    number: c.number,
    name: c.name,
    teamLeader: c.teamLeader,
    projects: c.projects.filter((p) => !p.archived).map((p) => projectSection(p, updates.filter((u) => u.project === p.id), since, refUpdate, day)),
    indicators: indicators
      .filter((i) => i.cantiereId === c.id)
      .map((i) => {
        const own = latestPerDay(values.filter((v) => v.indicatorId === i.id));
        const assessment = assess(i, own.map((v) => ({ value: v.value, date: v.measuredOn })));
        const rows = own.map((v) => ({ date: v.measuredOn, value: v.value, ref: refValue(v, i), author: v.author.displayName, source: v.dataSource }));
        return { indicator: i, assessment, values: rows, latestRef: rows.at(-1)?.ref ?? null, inPeriod: rows.filter((r) => r.date >= from).length };
      }),
  }));
  if (indicators.length) sources.set('P', { ref: 'P', kind: 'programme', date: to, author: null, what: programme.name });
  return {
    lang: programme.language,
    programme: { id: programme.id, name: programme.name, timezone: tz },
    period: { from, to },
    generatedAt: now.toISOString(),
    cantieri: out,
    sources: [...sources.values()].sort(sourceOrder),
  };
}

function projectSection(
  p: Programme['cantieri'][number]['projects'][number],
  updates: StoredUpdate[],
  since: Date,
  ref: (u: StoredUpdate) => Ref,
  day: (iso: string) => string,
): ReportProject {
  const last = updates.at(-1) ?? null;
  const inPeriod = updates.filter((u) => Date.parse(u.createdAt) >= since.getTime());
  const withText = (pick: (u: StoredUpdate) => string | null) => {
    const u = last && pick(last) ? last : null;
    return u ? { text: pick(u)!, date: day(u.createdAt), ref: ref(u) } : null;
  };
  return {
    id: p.id,
    name: p.name,
    status: last?.status ?? null,
    progress: last?.progress ?? null,
    lastUpdate: last ? { date: day(last.createdAt), ref: ref(last) } : null,
    history: inPeriod.map((u) => ({ date: day(u.createdAt), status: u.status, progress: u.progress, summary: u.summary, author: u.author.displayName, ref: ref(u) })),
    blockers: withText((u) => u.blockers),
    nextSteps: withText((u) => u.next_steps),
    dueDate: last?.due_date ?? null,
  };
}

function sourceOrder(a: ReportSource, b: ReportSource): number {
  const rank = { programme: 0, update: 1, value: 2 };
  return rank[a.kind] - rank[b.kind] || Number(a.ref.slice(1)) - Number(b.ref.slice(1));
}
