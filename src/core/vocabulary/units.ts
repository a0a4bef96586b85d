import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from '../language.ts';

/**
 * Units of measure (data/units.json): how documents write them after a figure, in Italian and
 * English with their abbreviations ("mq", "gg", "km"), and how a question asks for a measure of
 * each kind ("how big", "quanti ettari"). A measure question is answered by a figure written with
 * a unit of the kind asked, never by another count.
 */

const unitsSchema = z.object({
  about: z.string().optional(),
  kinds: z.record(
    z.string().min(1),
    z.object({ forms: z.array(z.string().trim().min(1)).min(1), asked: z.array(z.string().trim().min(1)), english: z.record(z.string().min(1), z.string().min(1)).default({}) }),
  ),
  counted: z.record(z.string().min(1), z.object({ asked: z.array(z.string().trim().min(1)).min(1), nouns: z.array(z.string().trim().min(1)).min(1) })).default({}),
});

export type MeasureKind = string;

export const UNITS_FILE = new URL('../../../data/units.json', import.meta.url);

interface Units {
  /** Per kind: the unit forms as one regex alternation (longest first), and the asking phrases. */
  kinds: { kind: MeasureKind; forms: string; asked: RegExp | null }[];
  /** A general word a count is asked with ("people") to the nouns texts count it with ("addetti", "partecipanti"). */
  counted: Map<string, string[]>;
  /** An Italian unit form (folded) to its English writing ("mq" -> "m²"). */
  english: Map<string, string>;
}

let loaded: Units | undefined;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function units(): Units {
  if (!loaded) {
    const data = unitsSchema.parse(JSON.parse(readFileSync(UNITS_FILE, 'utf8')));
    loaded = {
      kinds: Object.entries(data.kinds).map(([kind, k]) => ({
        kind,
        forms: [...k.forms].sort((a, b) => b.length - a.length).map(escapeRegex).join('|'),
        // Asking phrases are folded words; "[oa]" alternations are written in the data as regex classes.
        asked: k.asked.length ? new RegExp(`\\b(?:${k.asked.join('|')})\\b`) : null,
      })),
      english: new Map(Object.values(data.kinds).flatMap((k) => Object.entries(k.english).map(([it, en]): [string, string] => [fold(it), en]))),
      counted: new Map(Object.values(data.counted).flatMap((c) => c.asked.map((a): [string, string[]] => [a, c.nouns]))),
    };
  }
  return loaded;
}

/** The kind of measure a folded question asks for ("how big is the area?" -> area), if any. */
export function measureAsked(foldedQuestion: string): { kind: MeasureKind; start: number; end: number } | undefined {
  for (const k of units().kinds) {
    const m = k.asked?.exec(foldedQuestion);
    if (m) return { kind: k.kind, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** The unit forms of a kind as a regex alternation (case-insensitive use), for building patterns. */
export function unitForms(kind: MeasureKind): string {
  const k = units().kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown unit kind: ${kind}`);
  return k.forms;
}

/** The nouns a text counts a general kind with, for the folded word a question counts with ("people" -> "addetti", ...); none for other words. */
export function countedNouns(foldedWord: string): readonly string[] {
  return units().counted.get(foldedWord) ?? [];
}

/** The nouns of the general kinds a folded noun is one of ("studenti", "students" -> "iscritti", "partecipanti", ... of people); none for other nouns. */
export function kindNouns(foldedNoun: string): readonly string[] {
  return [...new Set([...units().counted.values()].filter((nouns) => nouns.includes(foldedNoun)).flat())];
}

/** The English writing of an Italian unit ("mq" -> "m²", "gg" -> "days"), or null when it has none of its own. */
export function unitInEnglish(unit: string): string | null {
  return units().english.get(fold(unit.trim())) ?? null;
}
