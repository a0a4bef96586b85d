import { STOP_WORDS, stems } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { Programme } from '../../../programme/model.ts';
import type { QueryAnalysis } from '../../retrieval/query.ts';
import { newMatches } from './answer-types.ts';

/**
 * Who holds a role. "Chi è il capo del Dipartimento?" is answered by a name standing with the
 * role ("il Presidente della Provincia Roberto Mariani", "Maria Rossi, direttrice di..."), not by
 * a sentence that speaks of the role and names no one ("la firma è avvenuta tra il capo del
 * Dipartimento e il rappresentante legale della società").
 */

/** "chi è il presidente di...", "who is the CEO of...": the role whose holder is asked. */
const ROLE_ASKED = /^(?:chi|who)\s+(?:e|era|sara|is|was|will be)\s+(?:(?:il|la|lo|l'|the|attuale|current)\s*)+(\p{L}+)/u;

/** The stems of the role a question asks the holder of, when it asks for a person by role. */
export function askedRole(q: QueryAnalysis): string[] {
  if (q.answerType !== 'person') return [];
  const m = fold(q.question).replace(/’/g, "'").match(ROLE_ASKED);
  return m ? stems(m[1]) : [];
}

/** Where a clause ends: punctuation, brackets, a dash between spaces. */
const CLAUSE_BREAK = /[,;:.()[\]–—]\s|\s[-–—]\s|[()[\]]/gu;

/** The names the programme gives its cantieri and projects: bodies and plans, never a person. */
function programmeNames(programme: Programme | null): string[] {
  if (!programme) return [];
  return [programme.name, ...programme.cantieri.flatMap((c) => [c.name, ...c.projects.flatMap((p) => [p.name, ...p.aliases])])].map(fold);
}

/** A person's name: two to four capitalised words that the question does not already say and that name nothing of the programme. */
function names(text: string, q: QueryAnalysis): { index: number; end: number }[] {
  const programme = programmeNames(q.programme);
  return newMatches(text, 'person', q.question)
    .filter((m) => /\p{Ll}/u.test(m.text) && m.text.trim().split(/\s+/).length >= 2 && !programme.some((n) => n.includes(fold(m.text))))
    .map((m) => ({ index: m.index, end: m.index + m.text.length }));
}

/**
 * Whether the text does not name the holder of the asked role: where it speaks of the role, no
 * name in the clause that holds it, nor right after the role word ("il direttore Rossi"), nor
 * ending the clause just before it ("Maria Rossi, direttrice") or opening the one after it ("il
 * direttore, Maria Rossi, ha..."); where it does not speak of the role, no name at all.
 */
export function roleUnnamed(role: readonly string[], text: string, q: QueryAnalysis): boolean {
  if (!role.length) return false;
  const found = names(text, q);
  const breaks = [0, ...[...text.matchAll(CLAUSE_BREAK)].map((m) => m.index + 1), text.length];
  const clauses = breaks.slice(1).map((end, i) => ({ start: breaks[i], end }));
  const roleWords = [...text.matchAll(/\p{L}+/gu)].filter((w) => stems(w[0]).some((s) => role.includes(s)));
  if (!roleWords.length) return found.length === 0;
  const asked = new Set(fold(q.question).match(/\p{L}+/gu) ?? []);
  const surnameAfter = (w: RegExpMatchArray) => {
    const next = /^\s+(\p{Lu}\p{Ll}+)/u.exec(text.slice(w.index! + w[0].length))?.[1];
    return !!next && !STOP_WORDS.has(fold(next)) && !asked.has(fold(next));
  };
  const clauseOf = (index: number) => clauses.findIndex((c) => index >= c.start && index < c.end);
  const named = (c: { start: number; end: number }) => found.some((n) => n.index < c.end && n.end > c.start);
  const endsWithName = (c: { start: number; end: number } | undefined) => !!c && found.some((n) => n.end <= c.end && n.end > c.start && !/\p{L}/u.test(text.slice(n.end, c.end)));
  const startsWithName = (c: { start: number; end: number } | undefined) => !!c && found.some((n) => n.index >= c.start && n.index < c.end && !/\p{L}/u.test(text.slice(c.start, n.index)));
  return roleWords.every((w) => {
    const i = clauseOf(w.index!);
    return !surnameAfter(w) && !named(clauses[i]) && !endsWithName(clauses[i - 1]) && !startsWithName(clauses[i + 1]);
  });
}
