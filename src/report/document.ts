import { describeIndicator } from '../core/indicators/answer.ts';
import { formatNumber, formatValue } from '../core/indicators/format.ts';
import type { IndicatorState } from '../core/indicators/trend.ts';
import type { ReportData, ReportIndicator, ReportProject } from '../core/report/build.ts';
import { formatDate } from '../core/time.ts';
import { STATUS_LABELS, UPDATE_STATUSES } from '../core/updates/schema.ts';
import { chartSvg } from './chart.ts';
import { t } from '../core/texts/index.ts';

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
  const statusOf = (p: ReportProject) => (p.status ? STATUS_LABELS[p.status][lang] : t(lang, 'report.noStatus'));
  const progressOf = (p: ReportProject) => (p.progress === null ? '—' : `${p.progress}%`);
  const lastOf = (p: ReportProject) => (p.lastUpdate ? `${date(p.lastUpdate.date)} [${p.lastUpdate.ref}]` : '—');
  const val = (ri: ReportIndicator, n: number) => formatValue(n, ri.indicator, lang);
  const blocks: Block[] = [];
  const title = `${t(lang, 'report.title')} · ${data.programme.name}`;
  blocks.push({ kind: 'title', text: title, subtitle: t(lang, 'report.subtitle', { from: date(data.period.from), to: date(data.period.to) }) });
  blocks.push({ kind: 'paragraph', text: `${t(lang, 'report.generated', { d: date(data.generatedAt.slice(0, 10)) })} ${t(lang, 'report.refsNote')}` });

  // Overview: every project's status at a glance, every indicator on or off track.
  const projects = data.cantieri.flatMap((c) => c.projects.map((p) => ({ c, p })));
  const indicators = data.cantieri.flatMap((c) => c.indicators.map((ri) => ({ c, ri })));
  blocks.push({ kind: 'heading', level: 1, text: t(lang, 'report.overview') });
  const statusCounts = [...UPDATE_STATUSES, null]
    .map((s) => ({ s, n: projects.filter(({ p }) => p.status === s).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.s ? STATUS_LABELS[x.s][lang].toLowerCase() : t(lang, 'report.noStatus')} ${x.n}`)
    .join(', ');
  blocks.push({ kind: 'paragraph', text: t(lang, 'report.overviewProjects', { n: projects.length, c: data.cantieri.length, counts: statusCounts }) });
  blocks.push({
    kind: 'table',
    header: [t(lang, 'report.cantiere'), t(lang, 'report.project'), t(lang, 'report.status'), t(lang, 'report.progress'), t(lang, 'report.lastUpdate')],
    rows: projects.map(({ c, p }) => [c.number, p.name, statusOf(p), progressOf(p), lastOf(p)]),
    numeric: [3],
  });
  if (indicators.length) {
    const counts = STATES.map((s) => ({ s, n: indicators.filter(({ ri }) => ri.assessment.state === s).length }))
      .filter((x) => x.n > 0)
      .map((x) => `${t(lang, `indicators.state.${x.s}`).toLowerCase()} ${x.n}`)
      .join(', ');
    blocks.push({ kind: 'paragraph', text: t(lang, 'report.overviewIndicators', { n: indicators.length, counts }) });
    blocks.push({
      kind: 'table',
      header: [t(lang, 'report.indicator'), t(lang, 'report.cantiere'), t(lang, 'report.latestValue'), t(lang, 'report.target'), t(lang, 'report.status')],
      rows: indicators.map(({ c, ri }) => {
        const a = ri.assessment;
        return [
          ri.indicator.name[lang],
          c.number,
          a.latest ? `${val(ri, a.latest.value)} (${date(a.latest.date)}) [${ri.latestRef}]` : '—',
          a.target ? `${val(ri, a.target.value)} (${date(a.target.by)}) [P]` : '—',
          t(lang, `indicators.state.${a.state}`),
        ];
      }),
    });
  }

  for (const c of data.cantieri) {
    blocks.push({ kind: 'heading', level: 1, text: `${t(lang, 'report.cantiere')} ${c.number} · ${c.name}` });
    if (c.teamLeader) blocks.push({ kind: 'paragraph', text: t(lang, 'report.teamLeader', { n: c.teamLeader }) });
    blocks.push({ kind: 'heading', level: 2, text: t(lang, 'report.projects') });
    blocks.push({
      kind: 'table',
      header: [t(lang, 'report.project'), t(lang, 'report.status'), t(lang, 'report.progress'), t(lang, 'report.lastUpdate')],
      rows: c.projects.map((p) => [p.name, statusOf(p), progressOf(p), lastOf(p)]),
      numeric: [2],
    });
    for (const p of c.projects.filter((x) => x.history.length)) {
      blocks.push({ kind: 'heading', level: 3, text: t(lang, 'report.historyOf', { n: p.name }) });
      blocks.push({
        kind: 'list',
        items: p.history.map((h) => `${date(h.date)} · ${STATUS_LABELS[h.status][lang]}${h.progress === null ? '' : `, ${h.progress}%`} · ${h.summary} (${h.author}) [${h.ref}]`),
      });
    }
    const quiet = c.projects.filter((x) => !x.history.length).map((x) => x.name);
    if (quiet.length) blocks.push({ kind: 'paragraph', text: t(lang, 'report.noHistory', { names: quiet.join(', ') }) });

    blocks.push({ kind: 'heading', level: 2, text: t(lang, 'report.blockers') });
    const issues = c.projects
      .filter((p) => p.blockers || p.status === 'blocked' || p.status === 'at_risk')
      .map((p) => {
        const what = p.blockers ? `${p.blockers.text} [${p.blockers.ref}]` : `[${p.lastUpdate?.ref}]`;
        const next = p.nextSteps ? `; ${t(lang, 'report.nextSteps')}: ${p.nextSteps.text}` : '';
        const due = p.dueDate ? `; ${t(lang, 'report.due')} ${date(p.dueDate)}` : '';
        return t(lang, 'report.blockerLine', { p: p.name, status: statusOf(p), text: `${what}${next}${due}` });
      });
    blocks.push(issues.length ? { kind: 'list', items: issues } : { kind: 'paragraph', text: t(lang, 'report.noBlockers') });

    blocks.push({ kind: 'heading', level: 2, text: t(lang, 'report.indicators') });
    if (!c.indicators.length) blocks.push({ kind: 'paragraph', text: t(lang, 'report.noIndicators') });
    for (const ri of c.indicators) {
      const i = ri.indicator;
      blocks.push({ kind: 'heading', level: 3, text: i.name[lang] });
      const refByDate = new Map(ri.values.map((v) => [v.date, v.ref]));
      blocks.push({ kind: 'paragraph', text: describeIndicator(i, ri.assessment, lang, (d) => (refByDate.has(d) ? `[${refByDate.get(d)}]` : null)) });
      blocks.push({
        kind: 'paragraph',
        text: t(lang, 'report.definition', {
          base: t(lang, 'report.baselineAt', { v: val(ri, i.baseline.value), d: date(i.baseline.date) }),
          targets: i.targets.map((x) => t(lang, 'report.targetBy', { v: val(ri, x.value), d: date(x.by) })).join(', '),
          source: i.source ? t(lang, 'report.sourceOf', { s: i.source }) : '',
          who: i.reportedBy ? t(lang, 'report.reporter', { s: i.reportedBy }) : '',
        }).trim(),
      });
      blocks.push({ kind: 'chart', svg: await chartSvg(ri, lang), caption: t(lang, 'report.chartCaption', { n: i.name[lang] }), alt: i.name[lang], indicatorId: i.id });
      const shown = ri.values.filter((v) => v.date >= data.period.from);
      if (shown.length) {
        blocks.push({
          kind: 'table',
          header: [t(lang, 'report.date'), t(lang, 'report.value'), t(lang, 'report.source'), t(lang, 'report.ref')],
          rows: shown.map((v) => [date(v.date), formatNumber(v.value, lang), v.source ?? '—', `[${v.ref}]`]),
          numeric: [1],
        });
      }
    }
  }

  blocks.push({ kind: 'heading', level: 1, text: t(lang, 'common.sources') });
  blocks.push({
    kind: 'table',
    header: [t(lang, 'report.ref'), t(lang, 'report.kind'), t(lang, 'report.date'), t(lang, 'report.author'), t(lang, 'report.content')],
    rows: data.sources.map((s) => [`[${s.ref}]`, t(lang, `report.kinds.${s.kind}`), s.kind === 'programme' ? '—' : date(s.date), s.author ?? '—', s.what]),
  });
  return { lang, title, blocks };
}
