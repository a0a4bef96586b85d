import type { Lang } from '../types.ts';
import type { Indicator } from './catalogue.ts';

/** Numbers as the reader's language writes them: "1.450", "3,5" / "1,450", "3.5". */
export function formatNumber(n: number, lang: Lang, maxDecimals = 2): string {
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: maxDecimals, useGrouping: true }).format(n);
}

/** "92 comuni", "62,5 %" (the unit as the programme file gives it). */
export function formatValue(n: number, indicator: Pick<Indicator, 'unit'>, lang: Lang, maxDecimals = 2): string {
  const unit = indicator.unit[lang];
  const num = formatNumber(n, lang, maxDecimals);
  if (!unit) return num;
  return unit === '%' ? `${num}%` : `${num} ${unit}`;
}

/** "+2,1" / "-0,4" */
export function formatSigned(n: number, lang: Lang, maxDecimals = 2): string {
  const s = formatNumber(Math.abs(n), lang, maxDecimals);
  return n > 0 ? `+${s}` : n < 0 ? `-${s}` : s;
}
