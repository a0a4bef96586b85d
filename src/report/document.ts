import { describeIndicator } from '../core/indicators/answer.ts';
import { formatNumber, formatValue } from '../core/indicators/format.ts';
import { INDICATOR_STATE_LABELS } from '../core/indicators/texts.ts';
import type { IndicatorState } from '../core/indicators/trend.ts';
import type { ReportData, ReportIndicator, ReportProject } from '../core/report/build.ts';
import { formatDate } from '../core/updates/format.ts';
import { STATUS_LABELS, UPDATE_STATUSES } from '../core/updates/schema.ts';
import { chartSvg } from './chart.ts';
import { REPORT_TEXT as T } from './texts.ts';

/**
 * The report as a sequence of format-neutral blocks, with every text already written in the
 * programme's language: the renderers (Markdown, HTML, PDF, DOCX) only lay them out.
 */

export type Block =
  | { kind: 'title'; text: string; subtitle: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][]; numeric?: number[] }
  | { kind: 'chart'; svg: string; caption: string; alt: string; indicatorId: string };

export interface ReportDocument {
  lang: ReportData['lang'];
  title: string;
  blocks: Block[];
}

const STATES: IndicatorState[] = ['on_track', 'at_risk', 'reached', 'no_data'];

export async function reportDocument(data: ReportData): Promise<ReportDocument> {
  const lang = data.lang;
  const date = (d: string) => formatDate(d, lang);
  const statusOf = (p: ReportProject) => (p.status ? STATUS_LABELS[p.status][lang] : T.noStatus[lang]);
  const progressOf = (p: ReportProject) => (p.progress === null ? '—' : `${p.progress}%`);
  const lastOf = (p: ReportProject) => (p.lastUpdate ? `${date(p.lastUpdate.date)} [${p.lastUpdate.ref}]` : '—');
  const val = (ri: ReportIndicator, n: number) => formatValue(n, ri.indicator, lang);
  const blocks: Block[] = [];
  const title = `${T.title[lang]} · ${data.programme.name}`;
  blocks.push({ kind: 'title', text: title, subtitle: T.subtitle[lang](date(data.period.from), date(data.period.to)) });
  blocks.push({ kind: 'paragraph', text: `${T.generated[lang](date(data.generatedAt.slice(0, 10)))} ${T.refsNote[lang]}` });

  // Overview: every project's status at a glance, every indicator on or off track.
  const projects = data.cantieri.flatMap((c) => c.projects.map((p) => ({ c, p })));
  const indicators = data.cantieri.flatMap((c) => c.indicators.map((ri) => ({ c, ri })));
  blocks.push({ kind: 'heading', level: 1, text: T.overview[lang] });
  const statusCounts = [...UPDATE_STATUSES, null]
    .map((s) => ({ s, n: projects.filter(({ p }) => p.status === s).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.s ? STATUS_LABELS[x.s][lang].toLowerCase() : T.noStatus[lang]} ${x.n}`)
    .join(', ');
  blocks.push({ kind: 'paragraph', text: T.overviewProjects[lang](projects.length, data.cantieri.length, statusCounts) });
  blocks.push({
    kind: 'table',
    header: [T.cantiere[lang], T.project[lang], T.status[lang], T.progress[lang], T.lastUpdate[lang]],
    rows: projects.map(({ c, p }) => [c.number, p.name, statusOf(p), progressOf(p), lastOf(p)]),
    numeric: [3],
  });
  if (indicators.length) {
    const counts = STATES.map((s) => ({ s, n: indicators.filter(({ ri }) => ri.assessment.state === s).length }))
      .filter((x) => x.n > 0)
      .map((x) => `${INDICATOR_STATE_LABELS[x.s][lang].toLowerCase()} ${x.n}`)
      .join(', ');
    blocks.push({ kind: 'paragraph', text: T.overviewIndicators[lang](indicators.length, counts) });
    blocks.push({
      kind: 'table',
      header: [T.indicator[lang], T.cantiere[lang], T.latestValue[lang], T.target[lang], T.status[lang]],
      rows: indicators.map(({ c, ri }) => {
        const a = ri.assessment;
        return [
          ri.indicator.name[lang],
          c.number,
          a.latest ? `${val(ri, a.latest.value)} (${date(a.latest.date)}) [${ri.latestRef}]` : '—',
          a.target ? `${val(ri, a.target.value)} (${date(a.target.by)}) [P]` : '—',
          INDICATOR_STATE_LABELS[a.state][lang],
        ];
      }),
    });
  }

  for (const c of data.cantieri) {
    blocks.push({ kind: 'heading', level: 1, text: `${T.cantiere[lang]} ${c.number} · ${c.name}` });
    if (c.teamLeader) blocks.push({ kind: 'paragraph', text: T.teamLeader[lang](c.teamLeader) });
    blocks.push({ kind: 'heading', level: 2, text: T.projects[lang] });
    blocks.push({
      kind: 'table',
      header: [T.project[lang], T.status[lang], T.progress[lang], T.lastUpdate[lang]],
      rows: c.projects.map((p) => [p.name, statusOf(p), progressOf(p), lastOf(p)]),
      numeric: [2],
    });
    for (const p of c.projects.filter((x) => x.history.length)) {
      blocks.push({ kind: 'heading', level: 3, text: T.historyOf[lang](p.name) });
      blocks.push({
        kind: 'list',
        items: p.history.map((h) => `${date(h.date)} · ${STATUS_LABELS[h.status][lang]}${h.progress === null ? '' : `, ${h.progress}%`} · ${h.summary} (${h.author}) [${h.ref}]`),
      });
    }
    const quiet = c.projects.filter((x) => !x.history.length).map((x) => x.name);
    if (quiet.length) blocks.push({ kind: 'paragraph', text: T.noHistory[lang](quiet.join(', ')) });

    blocks.push({ kind: 'heading', level: 2, text: T.blockers[lang] });
    const issues = c.projects
      .filter((p) => p.blockers || p.status === 'blocked' || p.status === 'at_risk')
      .map((p) => {
        const what = p.blockers ? `${p.blockers.text} [${p.blockers.ref}]` : `[${p.lastUpdate?.ref}]`;
        const next = p.nextSteps ? `; ${T.nextSteps[lang]}: ${p.nextSteps.text}` : '';
        const due = p.dueDate ? `; ${T.due[lang]} ${date(p.dueDate)}` : '';
        return T.blockerLine[lang](p.name, statusOf(p), `${what}${next}${due}`);
      });
    blocks.push(issues.length ? { kind: 'list', items: issues } : { kind: 'paragraph', text: T.noBlockers[lang] });

    blocks.push({ kind: 'heading', level: 2, text: T.indicators[lang] });
    if (!c.indicators.length) blocks.push({ kind: 'paragraph', text: T.noIndicators[lang] });
    for (const ri of c.indicators) {
      const i = ri.indicator;
      blocks.push({ kind: 'heading', level: 3, text: i.name[lang] });
      const refByDate = new Map(ri.values.map((v) => [v.date, v.ref]));
      blocks.push({ kind: 'paragraph', text: describeIndicator(i, ri.assessment, lang, (d) => (refByDate.has(d) ? `[${refByDate.get(d)}]` : null)) });
      blocks.push({
        kind: 'paragraph',
        text: T.definition[lang](
          T.baselineAt[lang](val(ri, i.baseline.value), date(i.baseline.date)),
          i.targets.map((t) => T.targetBy[lang](val(ri, t.value), date(t.by))).join(', '),
          i.source ? T.sourceOf[lang](i.source) : '',
          i.reportedBy ? T.reporter[lang](i.reportedBy) : '',
        ).trim(),
      });
      blocks.push({ kind: 'chart', svg: await chartSvg(ri, lang), caption: T.chartCaption[lang](i.name[lang]), alt: i.name[lang], indicatorId: i.id });
      const shown = ri.values.filter((v) => v.date >= data.period.from);
      if (shown.length) {
        blocks.push({
          kind: 'table',
          header: [T.date[lang], T.value[lang], T.source[lang], T.ref[lang]],
          rows: shown.map((v) => [date(v.date), formatNumber(v.value, lang), v.source ?? '—', `[${v.ref}]`]),
          numeric: [1],
        });
      }
    }
  }

  blocks.push({ kind: 'heading', level: 1, text: T.sources[lang] });
  blocks.push({
    kind: 'table',
    header: [T.ref[lang], T.kind[lang], T.date[lang], T.author[lang], T.content[lang]],
    rows: data.sources.map((s) => [`[${s.ref}]`, T.kinds[s.kind][lang], s.kind === 'programme' ? '—' : date(s.date), s.author ?? '—', s.what]),
  });
  return { lang, title, blocks };
}
