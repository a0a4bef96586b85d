import type { AppContext } from '../../app.ts';
import type { Answer, Citation, Lang } from '../types.ts';
import { formatDate } from '../time.ts';
import { readIndicators, type Indicator } from './catalogue.ts';
import { formatNumber, formatSigned, formatValue } from './format.ts';
import { findIndicatorsInText, hasIndicatorCue } from './match.ts';
import { latestPerDay, listIndicatorValues, type IndicatorValue } from './store.ts';
import { t } from '../texts/index.ts';
import { assess, type IndicatorAssessment } from './trend.ts';

/** At most this many indicators in one chat answer: people read it in a pane. */
const MAX_INDICATORS = 3;

export function valueCitation(v: IndicatorValue, indicator: Indicator, n: number, lang: Lang): Citation {
  return {
    n,
    source: `indicator_value:${v.id}`,
    title: t(lang, 'indicators.citationTitle', { name: indicator.name[lang] }),
    section: `${formatDate(v.measuredOn, lang)}, ${v.author.displayName}`,
    quote: [formatValue(v.value, indicator, lang), v.dataSource].filter(Boolean).join(' · '),
  };
}

/** One indicator's sentence: latest value and date, target, gap, trend and whether it gets there. */
export function describeIndicator(indicator: Indicator, a: IndicatorAssessment, lang: Lang, citeDate: (date: string) => string | null): string {
  const val = (n: number) => formatValue(n, indicator, lang);
  const date = (d: string) => formatDate(d, lang);
  const target = a.target ?? indicator.targets[0];
  const targetText = t(lang, 'indicators.target', { v: val(target.value), d: date(target.by) });
  if (!a.latest) return `${indicator.name[lang]}: ${t(lang, 'indicators.noValues', { base: val(indicator.baseline.value), d: date(indicator.baseline.date), target: targetText })}.`;
  const latestRef = citeDate(a.latest.date);
  const parts = [
    `${indicator.name[lang]}: ${t(lang, 'indicators.latest', { v: val(a.latest.value), d: date(a.latest.date) })}${latestRef ? ` ${latestRef}` : ''}`,
    `${targetText}, ${t(lang, 'indicators.gap', { g: val(a.gap ?? 0) })}`,
  ];
  if (a.progressPct !== null) parts.push(t(lang, 'indicators.progress', { pct: `${formatNumber(Math.round(a.progressPct), lang)}%`, base: val(indicator.baseline.value), d: date(indicator.baseline.date) }));
  let text = `${parts.join('; ')}.`;
  if (a.state === 'reached') return `${text} ${cap(t(lang, 'indicators.verdict.reached'))}.`;
  if (a.slopePerMonth === null || a.projected === null) return `${text} ${cap(t(lang, 'indicators.noTrend'))}.`;
  // The trend's first and last entries stand for the range it was computed from.
  const ends = [a.trendPoints[0], a.trendPoints.at(-1)!].map((p) => citeDate(p.date));
  const trendCite = ends[0] && ends[1] && ends[0] !== ends[1] ? ` ${ends[0]}–${ends[1]}` : ends[1] ? ` ${ends[1]}` : '';
  const rounded = (n: number) => formatValue(n, indicator, lang, 1);
  text += ` ${cap(t(lang, 'indicators.trend', { s: formatSigned(a.slopePerMonth, lang, 2) }))}${trendCite}; ${t(lang, 'indicators.projected', { v: rounded(a.projected), d: date(target.by) })}: ${t(lang, a.state === 'on_track' ? 'indicators.verdict.on_track' : 'indicators.verdict.at_risk')}.`;
  return text;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * "how far are we from the broadband target?", "a che punto è l'indicatore delle CER?": answered
 * from the logged values, cited to them. Null when the question is not about an indicator.
 */
export async function answerIndicatorQuestion(app: AppContext, question: string, lang: Lang): Promise<Answer | null> {
  if (!hasIndicatorCue(question)) return null;
  const indicators = await readIndicators(app.db);
  if (!indicators.length) return null;
  const programme = await app.programme();
  const matches = findIndicatorsInText(programme, indicators, question).slice(0, MAX_INDICATORS);
  if (!matches.length) return null;
  const values = await listIndicatorValues(app.db, { indicatorIds: matches.map((m) => m.indicator.id) });
  const citations: Citation[] = [];
  const cite = (indicator: Indicator) => (v: IndicatorValue) => {
    let c = citations.find((x) => x.source === `indicator_value:${v.id}`);
    if (!c) {
      c = valueCitation(v, indicator, citations.length + 1, lang);
      citations.push(c);
    }
    return `[${c.n}]`;
  };
  const sentences = matches.map(({ indicator }) => {
    const own = latestPerDay(values.filter((v) => v.indicatorId === indicator.id));
    const entries = new Map(own.map((v) => [v.measuredOn, v]));
    const a = assess(indicator, own.map((v) => ({ value: v.value, date: v.measuredOn })));
    return describeIndicator(indicator, a, lang, (d) => (entries.has(d) ? cite(indicator)(entries.get(d)!) : null));
  });
  return { answer: sentences.join('\n'), abstained: false, intent: 'indicator', language: lang, citations };
}
