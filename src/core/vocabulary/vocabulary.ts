import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { stems, words } from '../embedding/analyze.ts';
import { fold } from '../language.ts';
import { monthNames } from '../time.ts';
import { englishLemmas } from './english-forms.ts';
import { italianForms } from './italian-forms.ts';

/**
 * One vocabulary for retrieval, answers and the update parser: general English-Italian words of
 * programme work from a data file (`data/vocabulary.json`), and the programme's own terms from
 * the programme file's `glossary:` section.
 */

/** A programme term with its renderings in the other language and its expansions ("PSN"). */
export interface GlossaryEntry {
  term: string;
  translations: string[];
  expansions: string[];
}

const phrases = z.record(z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1, 'at least one translation'));
const vocabularySchema = z.object({ about: z.string().optional(), en_it: phrases, it_it: phrases.default({}) });

export type VocabularyData = z.infer<typeof vocabularySchema>;

/** A vocabulary file that cannot be used: every problem names its place in the file. */
export class VocabularyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

export const VOCABULARY_FILE = new URL('../../../data/vocabulary.json', import.meta.url);

/** Reads and validates a vocabulary file; errors name the entry (`en_it.river[0]: ...`). */
export function parseVocabulary(name: string, text: string): VocabularyData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new VocabularyFileError(name, [`bad JSON: ${(err as Error).message}`]);
  }
  const parsed = vocabularySchema.safeParse(raw);
  if (!parsed.success) {
    throw new VocabularyFileError(name, parsed.error.issues.map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)'}: ${i.message}`));
  }
  return parsed.data;
}

/** English light normalisation for look-up: plural -> singular. */
export function enBase(w: string): string {
  if (/[a-z]{3,}ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/[a-z][aeo]ys$/.test(w)) return w.slice(0, -1);
  if (/[a-z]{3,}(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  if (/[a-z]{3,}[^su']s$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Phrases of one language to their equivalents, keyed by normalised word sequence. */
export interface PhraseIndex {
  maxLen: number;
  map: Map<string, string[]>;
  normalise: (w: string) => string;
  /** Other forms a word of a text may stand for, tried when its own form is not listed ("kept" -> "keep"). */
  lemmas?: (w: string) => string[];
}

export function buildIndex(pairs: Iterable<[string, string[]]>, normalise: (w: string) => string, lemmas?: (w: string) => string[]): PhraseIndex {
  const map = new Map<string, string[]>();
  let maxLen = 1;
  for (const [key, values] of pairs) {
    const ws = words(fold(key)).map(normalise);
    if (!ws.length) continue;
    maxLen = Math.max(maxLen, ws.length);
    const k = ws.join(' ');
    map.set(k, [...new Set([...(map.get(k) ?? []), ...values])]);
  }
  return { maxLen, map, normalise, lemmas };
}

/**
 * The listed equivalents of a phrase of the text: as written, else with one word read as one of
 * its lemmas ("signed off" -> "sign off"), the first listed lemma winning.
 */
function phraseHit(norm: string[], alternatives: string[][], index: PhraseIndex): string[] | undefined {
  const exact = index.map.get(norm.join(' '));
  if (exact || !index.lemmas) return exact;
  for (let j = 0; j < norm.length; j++) {
    for (const alt of alternatives[j]) {
      const hit = index.map.get([...norm.slice(0, j), alt, ...norm.slice(j + 1)].join(' '));
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Longest-match look-up of a word sequence: the equivalents found per word position. */
export function lookupByPosition(ws: string[], index: PhraseIndex): string[][] {
  const norm = ws.map(index.normalise);
  const lemmas = index.lemmas;
  const alternatives = lemmas ? ws.map((w, i) => lemmas(w).map(index.normalise).filter((l) => l !== norm[i])) : [];
  const out: string[][] = ws.map(() => []);
  for (let i = 0; i < norm.length; ) {
    let matched = 0;
    for (let n = Math.min(index.maxLen, norm.length - i); n >= 1; n--) {
      const hit = phraseHit(norm.slice(i, i + n), alternatives.slice(i, i + n), index);
      if (hit) {
        for (let j = i; j < i + n; j++) out[j].push(...hit);
        matched = n;
        break;
      }
    }
    i += matched || 1;
  }
  return out;
}

/** A programme glossary as look-up pairs: every name of a term leads to all its other names. */
export function glossaryPairs(glossary: readonly GlossaryEntry[]): [string, string[]][] {
  return glossary.flatMap((g) => {
    const names = [g.term, ...g.translations, ...g.expansions];
    return names.map((n): [string, string[]] => [n, names.filter((m) => fold(m) !== fold(n))]);
  });
}

export interface Vocabulary {
  /** English phrases (plurals folded) to Italian ones. */
  en: PhraseIndex;
  /** Italian (colloquial) phrases to the words documents use. */
  it: PhraseIndex;
  /** Programme terms, either language. */
  glossary: PhraseIndex;
}

let general: VocabularyData | undefined;

/** The general vocabulary of the data file, read once. */
export function generalVocabulary(): VocabularyData {
  general ??= parseVocabulary('data/vocabulary.json', readFileSync(VOCABULARY_FILE, 'utf8'));
  return general;
}

/** The months, English to Italian ("july" -> "luglio"): the calendar's names, not a list kept here. */
function monthPairs(): [string, string[]][] {
  const italian = monthNames('it');
  return monthNames('en').map((m, i) => [m, [italian[i]]]);
}

let generalIndexes: Pick<Vocabulary, 'en' | 'it'> | undefined;
/** Vocabularies by their glossary's content: each request reads the programme anew (a new array each time). */
const byGlossary = new Map<string, Vocabulary>();
/** Glossaries remembered: a process serves one programme, or a few in tests. */
const GLOSSARIES_REMEMBERED = 16;

/**
 * The vocabulary for a programme: the general data file plus the programme's glossary. The general
 * indexes are built once, the glossary's once per distinct glossary (they were rebuilt for every
 * question, 2-10 ms each, because a programme read anew is a new glossary array).
 */
export function vocabularyFor(glossary: readonly GlossaryEntry[] = []): Vocabulary {
  const key = JSON.stringify(glossary.map((g) => [g.term, g.translations, g.expansions]));
  let v = byGlossary.get(key);
  if (!v) {
    if (!generalIndexes) {
      const data = generalVocabulary();
      const en = Object.entries(data.en_it).map(([k, its]): [string, string[]] => [k, [...new Set([...its, ...its.flatMap(italianForms)])]]);
      generalIndexes = { en: buildIndex([...en, ...monthPairs()], enBase, englishLemmas), it: buildIndex(Object.entries(data.it_it), (w) => w) };
    }
    v = { ...generalIndexes, glossary: buildIndex(glossaryPairs(glossary), enBase) };
    if (byGlossary.size >= GLOSSARIES_REMEMBERED) byGlossary.clear();
    byGlossary.set(key, v);
  }
  return v;
}

/** Every equivalent of the words of a text, per word position (English look-up only for English). */
export function translations(ws: string[], lang: 'it' | 'en', vocabulary: Vocabulary): string[][] {
  const out: string[][] = ws.map(() => []);
  const add = (per: string[][]) => {
    per.forEach((t, i) => {
      out[i].push(...t);
    });
  };
  if (lang === 'en') add(lookupByPosition(ws, vocabulary.en));
  add(lookupByPosition(ws, vocabulary.it));
  add(lookupByPosition(ws, vocabulary.glossary));
  return out;
}

let italianToEnglish: Map<string, string> | undefined;

/**
 * The English word of the general vocabulary for an Italian word or phrase ("addetti" ->
 * "employee", "incontri" -> "meeting"), matched by stems so either number matches; the first
 * entry of the file wins where several English words share an Italian one. Null when none.
 */
export function englishFor(italianPhrase: string): string | null {
  if (!italianToEnglish) {
    italianToEnglish = new Map();
    for (const [en, its] of Object.entries(generalVocabulary().en_it)) {
      for (const it of its) {
        const key = stems(it).join(' ');
        if (key && !italianToEnglish.has(key)) italianToEnglish.set(key, en);
      }
    }
  }
  const key = stems(italianPhrase).join(' ');
  return key ? (italianToEnglish.get(key) ?? null) : null;
}

let commonWords: Set<string> | undefined;

/**
 * Whether a single word (folded) is a common word of either language: an English word of the
 * general vocabulary (in any of its forms), or an Italian word its one-word entries translate to.
 */
export function isCommonWord(word: string): boolean {
  if (!commonWords) {
    const data = generalVocabulary();
    commonWords = new Set<string>();
    for (const [en, its] of Object.entries(data.en_it)) {
      const ws = words(fold(en));
      // A phrase's renderings may be its acronym ("renewable energy community" -> "cer").
      if (ws.length !== 1) continue;
      commonWords.add(enBase(ws[0]));
      for (const it of its) {
        const iw = words(fold(it));
        if (iw.length === 1) commonWords.add(iw[0]);
      }
    }
  }
  const w = fold(word);
  return commonWords.has(w) || commonWords.has(enBase(w)) || englishLemmas(w).some((l) => commonWords!.has(enBase(l)));
}
