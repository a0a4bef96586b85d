import type { Programme } from '../../programme/model.ts';
import { fold } from '../language.ts';
import { findDateMentions } from '../updates/dates.ts';
import { localDate } from '../time.ts';
import type { Indicator } from './catalogue.ts';
import { findIndicatorsInText } from './match.ts';

/**
 * A value read from a plain message ("PDND: 1.450 API pubblicate a ottobre", "broadband: now 92
 * municipalities"), shown to the author for confirmation before anything is saved.
 */
export interface ParsedIndicatorValue {
  indicator: string | null;
  /** Other indicators the message could be about, when it is ambiguous. */
  alternatives: string[];
  value: number | null;
  /** YYYY-MM-DD; today when the message names no date. */
  measuredOn: string;
}

/**
 * "1.450" and "1,450" are thousands (groups of three digits); "3,5" and "3.5" are decimals;
 * "92" and "85%" plain numbers.
 */
export function parseNumber(raw: string): number | null {
  const s = raw.replace(/\s/g, '');
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

/** A figure typed into a form or a CSV cell: a number as `parseNumber` reads it, possibly negative. */
export function parseFigure(raw: string): number | null {
  const s = raw.trim();
  const negative = /^[-−]/.test(s);
  const n = parseNumber(negative ? s.slice(1) : s);
  return n === null ? null : negative ? -n : n;
}

const NUMBER = /(?<![\p{L}\p{N}.,])\d[\d.,]*(?:\d)?(?![\p{L}\p{N}])/gu;

/** The measured figure: the first number of the text that is not part of a date or a name. */
function findValue(folded: string, skip: { start: number; end: number }[]): number | null {
  for (const m of folded.matchAll(NUMBER)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (skip.some((s) => start < s.end && end > s.start)) continue;
    const n = parseNumber(m[0].replace(/[.,]$/, ''));
    if (n !== null) return n;
  }
  return null;
}

export function parseIndicatorMessage(
  programme: Programme | null,
  indicators: Indicator[],
  text: string,
  opts: { now?: Date } = {},
): ParsedIndicatorValue {
  const now = opts.now ?? new Date();
  const tz = programme?.timezone ?? 'UTC';
  const today = localDate(now, tz);
  const folded = fold(text);
  const matches = findIndicatorsInText(programme, indicators, text);
  const dates = findDateMentions(text, now, tz);
  // Names written out may carry digits ("Agenda 2030"): they are not the figure.
  const named = matches.flatMap((m) =>
    [m.indicator.id, m.indicator.name.it, m.indicator.name.en, ...m.indicator.aliases].flatMap((term) => {
      const i = folded.indexOf(fold(term));
      return i >= 0 ? [{ start: i, end: i + term.length }] : [];
    }),
  );
  // A measurement is of the past: a month named alone ("a ottobre") is the latest such month.
  const past = dates.map((d) => (d.date > today ? { ...d, date: `${Number(d.date.slice(0, 4)) - 1}${d.date.slice(4)}` } : d));
  const measured = past.find((d) => d.precision !== 'year' || /(?:fine|end)/.test(folded.slice(Math.max(0, d.start - 8), d.start)));
  return {
    indicator: matches.length === 1 ? matches[0].indicator.id : null,
    alternatives: matches.length > 1 ? matches.map((m) => m.indicator.id) : [],
    value: findValue(folded, [...dates, ...named]),
    measuredOn: measured && measured.date <= today ? measured.date : today,
  };
}
