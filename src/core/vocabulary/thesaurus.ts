import { existsSync, readFileSync } from 'node:fs';
import { stem, STOP_WORDS } from '../embedding/analyze.ts';
import { fold } from '../language.ts';

/**
 * A general Italian thesaurus in the MyThes format of LibreOffice and Debian's `mythes-it`
 * (scripts/setup-system.sh installs it): a header line naming the encoding, then per headword a
 * line "word|senses" and one line per sense, "(part of speech)|synonym|synonym|...". A person may
 * ask with a word the documents never use ("graduatoria", "atenei") for one they do ("classifica",
 * "università"); the thesaurus says which words could be meant, the documents which of them
 * are there (see retrieval/corpus-cognates.ts). It knows every sense of a word, so it is never
 * read for a word the documents already use.
 */
export const THESAURUS_FILE = '/usr/share/mythes/th_it_IT_v2.dat';

/**
 * A parsed thesaurus: its entries grouped by the first letters of the headword. Stemming every
 * headword up front took ~0.8 s; a look-up stems only the headwords of its own group (a stem
 * keeps a word's first letters).
 */
export interface Thesaurus {
  groups: ReadonlyMap<string, { head: string; senses: string[] }[]>;
}

/** Letters of a word that name its group; words shorter are not looked up. */
const GROUP = 3;

/** Parses a MyThes data file (the senses are read when a look-up needs them). */
export function parseThesaurus(text: string): Thesaurus {
  const lines = text.split(/\r?\n/);
  const groups = new Map<string, { head: string; senses: string[] }[]>();
  // Line 0 names the encoding; each entry is a headword line and its sense lines.
  for (let i = 1; i < lines.length; ) {
    const [head, count] = lines[i].split('|');
    const senses = Number(count);
    if (!head || !Number.isInteger(senses) || senses < 0) {
      i++;
      continue;
    }
    const word = fold(head.trim());
    if (/^\p{L}+$/u.test(word) && word.length >= GROUP) {
      const key = word.slice(0, GROUP);
      const group = groups.get(key) ?? [];
      group.push({ head: word, senses: lines.slice(i + 1, i + 1 + senses) });
      groups.set(key, group);
    }
    i += senses + 1;
  }
  return { groups };
}

/**
 * The single-word synonyms of every sense line (lower case, accents kept: the Italian stemmer reads
 * them), annotations ("(generico)") and stop words dropped.
 */
function synonymsIn(senses: string[], head: string): string[] {
  return senses
    .flatMap((l) => l.split('|').slice(1))
    .map((s) => s.replace(/\([^)]*\)/g, '').trim().toLowerCase())
    .filter((s) => /^\p{L}+$/u.test(s) && fold(s) !== head && !STOP_WORDS.has(fold(s)));
}

let loaded: Thesaurus | undefined;

/** The installed thesaurus, read once; empty where it is not installed (then no word gets synonyms). */
export function thesaurus(): Thesaurus {
  loaded ??= parseThesaurus(existsSync(THESAURUS_FILE) ? readFileSync(THESAURUS_FILE, 'utf8') : '');
  return loaded;
}

/** Replaces the thesaurus in use (tests use a small one of their own; undefined reads the file again). */
export function useThesaurus(t: Thesaurus | undefined): void {
  loaded = t;
}

/**
 * Most synonyms a word may have to be read by them: more are the senses of a word of many meanings
 * (or of several words of one stem: "serve", "servo"), and the thesaurus cannot say which one a
 * question means. On both development programmes, words past six brought only wrong senses.
 */
export const MOST_SYNONYMS = 6;

/**
 * The synonyms of an Italian word in any of its forms: those of every headword with its stem
 * ("atenei" finds those of "ateneo"); none for a word of many senses.
 */
export function synonymsOf(word: string, t: Thesaurus = thesaurus()): readonly string[] {
  const w = fold(word);
  const key = stem(w);
  const found = new Set<string>();
  for (const e of t.groups.get(w.slice(0, GROUP)) ?? []) if (stem(e.head) === key) for (const s of synonymsIn(e.senses, e.head)) found.add(s);
  for (const f of found) if (fold(f) === w) found.delete(f);
  return found.size <= MOST_SYNONYMS ? [...found] : [];
}
