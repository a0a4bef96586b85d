import { stems } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { Concept, QueryAnalysis } from '../../retrieval/query.ts';
import { isCode, newMatches, shaped, yearOfAName, type TypeMatch } from './answer-types.ts';
import { figuresOf } from './figures.ts';

/**
 * What a value in a candidate is a value *of*. A near-answer holds a value of the asked kind beside
 * the question's names, but of another measure: a fund's budget where a different amount is asked,
 * a duration in months where a monthly cost is asked, a count of services where a count of towns is
 * asked. These tell whether the asked measure stands next to the value.
 */

/** How far (characters) a word may sit from a value to say what the value is of. */
const BESIDE_CHARS = 50;

/** The words of a text with their offsets and stems. */
function stemmedWords(text: string): { index: number; end: number; stems: string[] }[] {
  return [...text.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({ index: m.index, end: m.index + m[0].length, stems: stems(m[0]) }));
}

/** Does a word find a concept (one of the concept's stems)? */
const finds = (concept: Concept, word: { stems: string[] }) => word.stems.some((s) => concept.stems.includes(s));

/** Is a word beside a value (within BESIDE_CHARS of it, not inside it)? */
const beside = (w: { index: number; end: number }, m: TypeMatch) => {
  const end = m.index + m.text.length;
  return (w.end <= m.index && m.index - w.end <= BESIDE_CHARS) || (w.index >= end && w.index - end <= BESIDE_CHARS);
};

/**
 * The share of the attribute concepts (what the question asks of its names) that stand beside a
 * value of the asked kind in the text; for kinds without a shape (a list, a fact), none asked: 1.
 * 0 when the text has no value of the asked kind.
 */
export function attributeByValue(q: QueryAnalysis, attributes: Concept[], text: string): number {
  // A value has a shape (a figure, a date, a name); a definition or a reason is no value.
  if (!shaped(q.answerType, 'sure', 'cue', 'name') || !attributes.length) return 1;
  const values = newMatches(text, q.answerType, q.question);
  if (!values.length) return 0;
  const ws = stemmedWords(text);
  return attributes.filter((a) => ws.some((w) => finds(a, w) && values.some((m) => beside(w, m)))).length / attributes.length;
}

/** The figures a question names ("2023", "1.4.1", "1,5 milioni"): each a constraint on what answers it. */
export function questionFigures(question: string): string[][] {
  return figuresOf(question).map((f) => f.readings);
}

/**
 * Whether a figure the question names ("nel 2023", "la misura 1.4.1") is nowhere in the text that
 * frames a candidate (its passage, with title and section): the candidate's value is then of
 * another year or another measure.
 */
export function figureAbsent(figures: string[][], context: string): boolean {
  if (!figures.length) return false;
  const held = new Set(figuresOf(context).flatMap((f) => f.readings));
  return figures.some((ways) => !ways.some((w) => held.has(w)));
}

/** A year as a figure ("2023"). */
const YEAR = /^(?:19|20)\d{2}$/;

/** What a figure identifies, where it identifies something: a year (not one of a name, "PA digitale 2026"), or a code (see isCode). */
function identifierKind(text: string, index: number, figure: string): 'year' | 'code' | undefined {
  const m = { index, text: figure };
  if (YEAR.test(figure)) return yearOfAName(text, m) ? undefined : 'year';
  return isCode(text, m) ? 'code' : undefined;
}

/** The year or code figures of a text, each with its kind. */
function identifiersOf(text: string): { kind: 'year' | 'code'; readings: string[] }[] {
  return figuresOf(text).flatMap((f) => {
    const kind = identifierKind(text, f.index, f.figure);
    return kind ? [{ kind, readings: f.readings }] : [];
  });
}

/**
 * Whether the question names a year or a code ("nel 2023", "la misura 1.4.1") that the text framing
 * a candidate never gives, and the text gives another of the same kind in its place ("nel 2022",
 * "Misura 1.2"): the candidate's values are of another year or another measure.
 */
export function otherIdentifier(question: string, context: string): boolean {
  const asked = identifiersOf(question);
  if (!asked.length) return false;
  const given = identifiersOf(context);
  const held = new Set(given.flatMap((g) => g.readings));
  return asked.some((a) => !a.readings.some((r) => held.has(r)) && given.some((g) => g.kind === a.kind));
}

/** An amount asked per period ("al mese", "per year", "monthly"): the period, folded. */
const RATE_ASKED = /\b(?:al|per|a|each|every|ogni|all'?)\s*(mese|month|anno|year|giorno|day|settimana|week)\b|\b(mensil[ei]|monthly|annu[oaie]|annual|yearly|giornalier[oaie]|daily|settimanal[ei]|weekly)\b/u;
/** The same period said of a value, in either language. */
const RATE_WORDS: Record<string, RegExp> = {
  month: /\b(?:al mese|per mese|ogni mese|a month|per month|each month|every month|mensil\w*|monthly|\/\s*mese|\/\s*month)\b/u,
  year: /\b(?:all'?\s?anno|l'?\s?anno|per anno|ogni anno|annu[oaie]\w*|annual\w*|yearly|a year|per year|each year|every year|\/\s*anno|\/\s*year)\b/u,
  day: /\b(?:al giorno|per giorno|ogni giorno|giornalier\w*|quotidian\w*|a day|per day|daily|\/\s*giorno)\b/u,
  week: /\b(?:a settimana|alla settimana|per settimana|ogni settimana|settimanal\w*|a week|per week|weekly)\b/u,
};
const PERIOD: [RegExp, string][] = [[/^(?:mes|month|mensil)/, 'month'], [/^(?:ann|year)/, 'year'], [/^(?:giorn|day|daily)/, 'day'], [/^(?:settiman|week)/, 'week']];

/** The period an amount or count is asked per ("quanto costa al mese": month), if any. */
export function askedRate(q: QueryAnalysis): string | undefined {
  if (q.answerType !== 'money' && q.answerType !== 'number') return undefined;
  const m = fold(q.question).replace(/’/g, "'").match(RATE_ASKED);
  const word = m?.[1] ?? m?.[2];
  return word ? PERIOD.find(([re]) => re.test(word))?.[1] : undefined;
}

/** Whether an amount per period is asked and the text gives none for that period (a monthly cost where only totals are given). */
export function rateMissing(rate: string | undefined, text: string): boolean {
  return rate !== undefined && !RATE_WORDS[rate].test(fold(text).replace(/’/g, "'"));
}
