import type { VNode } from 'preact';
import type { Lang } from '../../core/types.ts';
import { formatDate } from '../../core/time.ts';
import type { IndicatorView } from '../indicators.ts';
import { t } from '../../core/texts/index.ts';
import { html } from './html.ts';

const W = 200;
const H = 56;
const PAD = 4;

const number = (v: number, lang: Lang) => new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 }).format(v);

/** What the chart says, in words: the accessible name and the visible caption. */
export function indicatorSentence(i: IndicatorView, lang: Lang): string {
  const last = i.series[i.series.length - 1];
  const parts = [`${i.name[lang]}: ${number(last.value, lang)} ${i.unit[lang]}`.trim()];
  if (i.target) parts.push(`${t(lang, 'board.target')} ${number(i.target.value, lang)} ${i.unit[lang]} (${formatDate(i.target.date, lang)})`.replace(/ +\(/, ' ('));
  if (i.baseline !== null) parts.push(`${t(lang, 'board.baseline')} ${number(i.baseline, lang)}`);
  return parts.join(' · ');
}

/** A small line chart of the reported values with the target as a dashed line. */
export function IndicatorChart(p: { indicator: IndicatorView; lang: Lang }): VNode {
  const i = p.indicator;
  const values = [...i.series.map((s) => s.value), ...(i.target ? [i.target.value] : []), ...(i.baseline !== null ? [i.baseline] : [])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const y = (v: number) => PAD + (H - 2 * PAD) * (1 - (v - min) / span);
  const x = (k: number) => (i.series.length === 1 ? W / 2 : PAD + ((W - 2 * PAD) * k) / (i.series.length - 1));
  const points = i.series.map((s, k) => `${x(k).toFixed(1)},${y(s.value).toFixed(1)}`).join(' ');
  const last = i.series[i.series.length - 1];
  const sentence = indicatorSentence(i, p.lang);
  return html`<figure class="indicator">
    <svg viewBox=${`0 0 ${W} ${H}`} width=${W} height=${H} role="img" aria-label=${sentence}>
      ${i.target ? html`<line class="target" x1="0" x2=${W} y1=${y(i.target.value)} y2=${y(i.target.value)} />` : null}
      <polyline class="series" points=${points} />
      <circle class="last" cx=${x(i.series.length - 1)} cy=${y(last.value)} r="3.5" />
    </svg>
    <figcaption>${sentence}</figcaption>
  </figure>`;
}
