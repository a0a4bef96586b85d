import { STOP_WORDS, stems } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { QueryAnalysis } from '../../retrieval/query.ts';
import { newMatches, type TypeMatch } from './answer-types.ts';

/**
 * The asked-for thing inside a candidate (a figure, a date, a name): the match of the answer
 * type closest to the question's words; null for kinds without a shape (lists, facts).
 */
export function answerSpan(text: string, q: QueryAnalysis): TypeMatch | null {
  const matches = newMatches(text, q.answerType, q.question);
  if (!matches.length) return null;
  const wanted = new Set(q.concepts.flatMap((c) => c.stems));
  const offsets = [...text.matchAll(/[\p{L}\p{N}'’-]+/gu)].filter((m) => stems(m[0]).some((s) => wanted.has(s))).map((m) => m.index);
  // The asked-for thing is never one of the question's own words ("PNRR" in a question about the PNRR).
  const own = new Set(q.concepts.flatMap((c) => c.stems));
  const candidates = matches.filter((m) => !stems(m.text).every((s) => own.has(s)));
  const pool = candidates.length ? candidates : matches;
  const distance = (m: TypeMatch) => (offsets.length ? Math.min(...offsets.map((o) => Math.abs(o - m.index))) : 0);
  const best = pool.reduce((b, m) => (distance(m) < distance(b) ? m : b));
  return q.answerType === 'number' ? withUnit(text, best) : best;
}

/** A count is read with what it counts ("400 progetti", "sessanta incontri"). */
function withUnit(text: string, m: TypeMatch): TypeMatch {
  const after = /^\s+([\p{L}][\p{L}'’-]{2,})/u.exec(text.slice(m.index + m.text.length));
  if (!after || STOP_WORDS.has(fold(after[1])) || /[%€]|euro|milioni|miliardi/i.test(m.text)) return m;
  return { index: m.index, text: `${m.text} ${after[1]}` };
}

/**
 * A long candidate cut to `max` characters around the answer span, at word boundaries: the cut
 * never goes through the span.
 */
export function quoteAround(text: string, span: TypeMatch | null, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const at = span ? Math.max(0, t.indexOf(span.text)) : 0;
  const len = span ? span.text.length : 0;
  let start = Math.max(0, Math.min(at - Math.floor((max - len) / 3), t.length - max));
  let end = Math.min(t.length, start + max);
  if (start > 0) start = t.indexOf(' ', start) + 1 || start;
  if (end < t.length) end = Math.max(t.lastIndexOf(' ', end), at + len);
  return `${start > 0 ? '… ' : ''}${t.slice(start, end).trim()}${end < t.length ? ' …' : ''}`;
}
