import { STOP_WORDS, stems } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { QueryAnalysis } from '../../retrieval/query.ts';
import { monthNames } from '../../time.ts';
import { askedMeasure, newMatches, type TypeMatch } from './answer-types.ts';
import { countedStems, countsAsked, numberOfAThing } from './counted.ts';
import { cuedDates } from './date-cues.ts';

/** Where the question's words are in a text: the offsets and ends of its words whose stems are the question's concepts. */
export function questionWords(text: string, q: QueryAnalysis): { index: number; end: number }[] {
  const wanted = new Set(q.concepts.flatMap((c) => c.stems));
  return [...text.matchAll(/[\p{L}\p{N}'’-]+/gu)].filter((m) => stems(m[0]).some((s) => wanted.has(s))).map((m) => ({ index: m.index, end: m.index + m[0].length }));
}

/**
 * The asked-for thing inside a candidate (a figure, a date, a name): the match of the answer
 * type closest to the question's words; null for kinds without a shape (lists, facts).
 */
export function answerSpan(text: string, q: QueryAnalysis): TypeMatch | null {
  let matches = newMatches(text, q.answerType, q.question);
  // A year is no count ("nel 2021", "PA digitale 2026") unless it counts something ("2000 persone"),
  // nor is the number of a thing ("Avviso 1.2", "Cantiere 3", "n. 628").
  if (q.answerType === 'number') matches = matches.filter((m) => withUnit(text, m) !== m || !(/^(?:19|20)\d{2}$/.test(m.text) || numberOfAThing(text, m)));
  if (!matches.length) return null;
  const offsets = questionWords(text, q).map((w) => w.index);
  // The asked-for thing is never one of the question's own words ("PNRR" in a question about the PNRR).
  const own = new Set(q.concepts.flatMap((c) => c.stems));
  const candidates = matches.filter((m) => !stems(m.text).every((s) => own.has(s)));
  const cued = cuedDates(q, text, candidates.length ? candidates : matches);
  // A count read with the thing asked ("5 università" for "quante università") before any other figure.
  const counted = countedStems(q);
  const countedMatches = (candidates.length ? candidates : matches).filter((m) => countsAsked(text, m, counted));
  const pool = cued.length ? cued : countedMatches.length ? countedMatches : candidates.length ? candidates : matches;
  const distance = (m: TypeMatch) => (offsets.length ? Math.min(...offsets.map((o) => Math.abs(o - m.index))) : 0);
  const best = pool.reduce((b, m) => (distance(m) < distance(b) ? m : b));
  // A measure's match holds its unit already ("1.500.000 mq").
  return q.answerType === 'number' && !askedMeasure(q.question) ? withUnit(text, best) : best;
}

const MONTHS = new Set([...monthNames('it'), ...monthNames('en')]);

/** A count is read with what it counts ("400 progetti", "sessanta incontri"), never with a month ("18 luglio" is a date). */
function withUnit(text: string, m: TypeMatch): TypeMatch {
  const after = /^\s+([\p{L}][\p{L}'’-]{2,})/u.exec(text.slice(m.index + m.text.length));
  if (!after || STOP_WORDS.has(fold(after[1])) || MONTHS.has(fold(after[1])) || /[%€]|euro|milioni|miliardi/i.test(m.text)) return m;
  return { index: m.index, text: `${m.text} ${after[1]}` };
}

/** How much of a cut quote sits before the question's words: the answer usually follows them. */
const BEFORE_WORDS = 40;

/**
 * Where a quote of `max` characters starts when the answer's place is not known (a fact, a list):
 * where it holds most of the question's words, with a third of it left after the last of them.
 */
function windowStart(t: string, words: { index: number; end: number }[], max: number): number {
  if (!words.length) return 0;
  let best = { start: 0, count: -1 };
  for (const w of words) {
    const start = Math.max(0, w.index - BEFORE_WORDS);
    const count = words.filter((x) => x.index >= start && x.end <= start + Math.floor((max * 2) / 3)).length;
    if (count > best.count) best = { start, count };
  }
  return best.start;
}

/**
 * A long candidate cut to `max` characters at word boundaries, around the answer span, or, when the
 * answer's place is not known, around the question's words (`q`) with room after them: the cut
 * never goes through the span.
 */
export function quoteAround(text: string, span: TypeMatch | null, max: number, q?: QueryAnalysis): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let start: number;
  let at = 0;
  let len = 0;
  if (span) {
    at = Math.max(0, t.indexOf(span.text));
    len = span.text.length;
    start = Math.max(0, Math.min(at - Math.floor((max - len) / 3), t.length - max));
  } else {
    start = Math.min(windowStart(t, q ? questionWords(t, q) : [], max), t.length - max);
    at = start;
  }
  let end = Math.min(t.length, start + max);
  if (start > 0) start = t.indexOf(' ', start) + 1 || start;
  if (end < t.length) end = Math.max(t.lastIndexOf(' ', end), at + len);
  return `${start > 0 ? '… ' : ''}${t.slice(start, end).trim()}${end < t.length ? ' …' : ''}`;
}
