import { fold } from '../../language.ts';
import type { QueryAnalysis } from '../../retrieval/query.ts';
import type { TypeMatch } from './answer-types.ts';

/**
 * Which end of a period a date question asks for ("entro quando", "fino a quando", "da quando"),
 * and the words a text gives that end with, in either language, in the same sentence as the date
 * (a dot between digits, "ore 23.59", ends none).
 */
const DATE_CUES: [RegExp, RegExp][] = [
  [/\b(?:entro|by when|deadline|scadenza|termine ultimo)\b/, /\b(?:entro|by|non oltre|no later than|scadenza|termine)\b(?:[^.;]|\d[.:]\d)*$/],
  [/\b(?:fino a|until|till)\b/, /\b(?:fino a|fino al|fino alle|until|till|non oltre|no later than)\b(?:[^.;]|\d[.:]\d)*$/],
  [/\b(?:da quando|a partire da|since|from what|from which|starting)\b/, /\b(?:dal|dall|dalla|dai|da|a partire|since|from|starting)\b(?:[^.;]|\d[.:]\d)*$/],
];

/** The dates given with the words of the end of the period asked for ("entro la fine del 2025" for "entro quando"). */
export function cuedDates(q: QueryAnalysis, text: string, matches: TypeMatch[]): TypeMatch[] {
  const cue = askedCue(q);
  if (!cue) return [];
  return matches.filter((m) => cue.test(fold(text.slice(Math.max(0, m.index - 40), m.index))));
}

/** The words that give the end of the period a date question asks for, if it asks for one. */
function askedCue(q: QueryAnalysis): RegExp | undefined {
  if (q.answerType !== 'date') return undefined;
  return DATE_CUES.find(([asked]) => asked.test(fold(q.question)))?.[1];
}
