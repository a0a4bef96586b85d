import { STOP_WORDS, stems, words } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import { askedPhrase, type QueryAnalysis } from '../../retrieval/query.ts';
import { countedNouns, kindNouns } from '../../vocabulary/units.ts';
import { isCode, type TypeMatch } from './answer-types.ts';

/**
 * What a count counts. "How many administrations joined?" is answered by "14mila le
 * amministrazioni", not by "200 milioni" or "due assi" in the same sentence: the figure must be
 * read with its noun, and the noun must be the one asked (in either language, through the
 * question's concepts and their translations).
 */

/** The words that ask for a count, after which the question names what it counts. */
const COUNT_ASKED = /^(?:quanti|quante|how many|numero di|number of|il numero di|the number of)$/;

/** The stems of the thing a count question counts ("quante università" -> univers), empty when it names none. */
export function countedStems(q: QueryAnalysis): ReadonlySet<string> {
  const out = new Set<string>();
  for (const w of countedWords(q)) {
    const concept = q.concepts.find((c) => c.term === w);
    for (const s of concept ? concept.stems : stems(w)) out.add(s);
    // "How many people" is answered by a count of any kind of people ("3500 addetti").
    for (const noun of countedNouns(w)) for (const s of stems(noun)) out.add(s);
  }
  return out;
}

/** The (folded) words of a count question that name what it counts; none when it asks no count. */
function countedWords(q: QueryAnalysis): string[] {
  if (q.answerType !== 'number') return [];
  const asked = askedPhrase(q.question);
  const folded = fold(q.question);
  if (!asked || !COUNT_ASKED.test(folded.slice(asked.start, asked.end))) return [];
  // The noun, first in Italian ("servizi critici"); in English a plural noun may follow the word
  // that qualifies it ("critical services"), a verb follows the noun ("people work", "administrations had").
  const ws = words(folded.slice(asked.end));
  const first = ws.findIndex((w) => !STOP_WORDS.has(w));
  if (first < 0) return [];
  const next = ws[first + 1];
  return q.lang === 'en' && next && !STOP_WORDS.has(next) && !/s$/.test(ws[first]) && /[^s]s$/.test(next) ? [ws[first], next] : [ws[first]];
}

/**
 * Whether a count is asked of a thing ("how many municipalities") and the text never names it (the
 * counted word, a translation, or a noun it is counted with): its figures count something else.
 */
export function countedAbsent(counted: ReadonlySet<string>, text: string): boolean {
  return counted.size > 0 && !(text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).some((w) => stems(w).some((s) => counted.has(s)));
}

/**
 * The stems of the nouns of the same general kind as the counted thing ("students": "iscritti",
 * "partecipanti"...): a figure read with one of them may count the asked thing under another
 * name ("240 iscritti" for "how many students"), so it counts no other thing.
 */
export function countedKin(q: QueryAnalysis): ReadonlySet<string> {
  return new Set(countedWords(q).flatMap(kindNouns).flatMap((n) => stems(n)));
}

/** How far after a figure its noun may be ("14mila le amministrazioni", "26 servizi classificati come critici"). */
const WORDS_AFTER = 3;

/** Is a bare figure the number of a thing: a code, or right after a name or a number sign ("Avviso 1.2", "n. 10")? */
export function numberOfAThing(text: string, m: TypeMatch): boolean {
  if (!/^\d[\d.,]*$/.test(m.text)) return false;
  if (isCode(text, m)) return true;
  // A range's bound after a label counts what follows the range ("Comuni 5.001 - 20.000 abitanti").
  return !RANGE.test(text.slice(m.index + m.text.length)) && /(?:\p{Lu}[\p{L}]*|\b(?:n|nr|no))\.?\s*$/u.test(text.slice(Math.max(0, m.index - 20), m.index));
}

/** Whether a figure of a text is read with the counted thing: one of the words right after it, or the word right before it. */
export function countsAsked(text: string, m: TypeMatch, counted: ReadonlySet<string>): boolean {
  if (!counted.size || numberOfAThing(text, m)) return false;
  // Only words, no punctuation, between: a closing quote or a comma ends what the figure counts ("PA digitale 2026” le amministrazioni").
  const following = afterFigure(text, m).slice(0, 60).split(/[^\p{L}\p{N}\s'’-]/u)[0];
  const after = (following.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).filter((w) => !STOP_WORDS.has(fold(w))).slice(0, WORDS_AFTER);
  // A label before a range's bound ("Comuni 5.001 - 20.000 abitanti") is not what the range counts.
  const before = RANGE.test(text.slice(m.index + m.text.length)) ? undefined : /([\p{L}][\p{L}'’-]*)[\s:(]*$/u.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1];
  return [...after, ...(before ? [before] : [])].some((w) => stems(w).some((s) => counted.has(s)));
}

/** A range's second bound right after a figure ("5.001 - 20.000 abitanti"). */
const RANGE = /^\s*[-–]\s*\d[\d.,]*/u;

/** The text after a figure, past the other bound when it opens a range: both bounds count what follows ("5.001 - 20.000 abitanti"). */
function afterFigure(text: string, m: TypeMatch): string {
  const rest = text.slice(m.index + m.text.length);
  return rest.slice(RANGE.exec(rest)?.[0].length ?? 0);
}

/** Words after a figure that are no counted thing: its scale, its currency, a month. */
const NOT_COUNTED = /^(?:mila|milioni|miliardi|mln|mld|euro|eur|per|percent|cento)$/;

/**
 * Whether a figure is read with a thing other than the counted one: the word right after it is
 * a noun of its own ("due assi", "200 milioni" for "how many administrations?"), not one of the
 * counted thing's kin (see countedKin). A bare figure ("16") says nothing either way.
 */
export function countsOther(text: string, m: TypeMatch, counted: ReadonlySet<string>, kin: ReadonlySet<string> = new Set()): boolean {
  if (!counted.size || numberOfAThing(text, m) || countsAsked(text, m, counted)) return false;
  if (/[%€]|milion|miliard|euro/i.test(m.text) || /[€$£]\s*$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) return true;
  const next = /^\s*([\p{L}][\p{L}'’-]{2,})/u.exec(afterFigure(text, m))?.[1];
  return !!next && !STOP_WORDS.has(fold(next)) && !NOT_COUNTED.test(fold(next)) && !stems(next).some((s) => kin.has(s));
}

/**
 * How a candidate's figures read against the counted thing: 1 when one counts it, -1 when every
 * figure counts something else, 0 when the question names nothing counted or the figures are bare.
 */
export function countedMatch(text: string, matches: TypeMatch[], counted: ReadonlySet<string>, kin?: ReadonlySet<string>): number {
  if (!counted.size || !matches.length) return 0;
  if (matches.some((m) => countsAsked(text, m, counted))) return 1;
  return matches.every((m) => countsOther(text, m, counted, kin)) ? -1 : 0;
}
