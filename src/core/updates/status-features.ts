import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { stem, words } from '../embedding/analyze.ts';
import { fold } from '../language.ts';
import { translations, vocabularyFor } from '../vocabulary/vocabulary.ts';
import type { Programme } from '../../programme/model.ts';
import { findProjectsInText } from './projects.ts';

/**
 * What the status classifier reads in an update message: general status language, never the
 * words of one message. Italian status words are grouped into concepts (data/status-language.json);
 * English words reach them through the one English-Italian vocabulary. Each concept is counted
 * plain, negated or solved ("non ancora avviato", "nothing blocking", "problema risolto"), with
 * "ancora/yet/still", as a one-word verdict ("Chiuso!"), after a contrast ("...ma siamo in
 * ritardo") and said of the future ("avvio previsto"); then the figures the parser found
 * (progress, a due date), "not yet", and whether any cue was found at all.
 */

const languageSchema = z.object({
  about: z.string().optional(),
  concepts: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  grammar: z.object({
    negation: z.array(z.string()),
    resolved: z.array(z.string()),
    still: z.array(z.string()),
    contrast: z.array(z.string()),
    boundary: z.array(z.string()),
    future: z.array(z.string()),
    uncertain: z.array(z.string()),
  }),
});

export const STATUS_LANGUAGE_FILE = new URL('../../../data/status-language.json', import.meta.url);

interface StatusLanguage {
  /** Per concept, its cue phrases as sequences of word keys (see wordKey). */
  concepts: { name: string; cues: string[][] }[];
  grammar: Record<keyof z.infer<typeof languageSchema>['grammar'], Set<string>>;
}

/**
 * What a word is matched by: its stem, or for words whose stem is too short to tell them apart
 * ("finito" and "fino" both stem to "fin", "partito" and "parte" to "part") the folded word
 * without its final vowels, so gender and number still meet ("finito", "finiti").
 */
function wordKey(word: string): string {
  const s = stem(word);
  if (s.length >= 5 || /\d/.test(word)) return s;
  return fold(word).replace(/[aeiou]+$/, '') || s;
}

let language: StatusLanguage | undefined;

function statusLanguage(): StatusLanguage {
  if (language) return language;
  const data = languageSchema.parse(JSON.parse(readFileSync(STATUS_LANGUAGE_FILE, 'utf8')));
  const toSet = (ws: string[]) => new Set(ws.map(fold));
  language = {
    concepts: Object.entries(data.concepts).map(([name, cues]) => ({ name, cues: cues.map((c) => words(c).map(wordKey)) })),
    grammar: {
      negation: toSet(data.grammar.negation),
      resolved: toSet(data.grammar.resolved),
      still: toSet(data.grammar.still),
      contrast: toSet(data.grammar.contrast),
      // Compared with the words as written: folded "è" (is) would be "e" (and).
      boundary: new Set(data.grammar.boundary.map((w) => w.toLowerCase())),
      future: toSet(data.grammar.future),
      uncertain: toSet(data.grammar.uncertain),
    },
  };
  return language;
}

/** Concept names in file order (the classifier's weights name their features). */
export function statusConcepts(): string[] {
  return statusLanguage().concepts.map((c) => c.name);
}

const ASPECTS = ['', ':neg', ':still', ':verdict', ':contrast', ':future'] as const;
const GLOBALS = ['bias', 'progress0', 'progressLow', 'progressHigh', 'progress100', 'dueDate', 'noCue', 'notYet', 'uncertain'] as const;

/** The names of the features, in the order `statusFeatures` returns their values. */
export function statusFeatureNames(): string[] {
  return [...GLOBALS, ...statusConcepts().flatMap((c) => ASPECTS.map((a) => `${c}${a}`))];
}

/** What the parser already read in the message, which the status depends on. */
export interface StatusContext {
  progress: number | null;
  dueDate: string | null;
}

/** Words of a message, each with the keys it may stand for (its own and its translations'). */
interface Token {
  /** Lower case as written, and folded. */
  raw: string;
  word: string;
  keys: Set<string>;
  /** Index of the sentence, and of the stretch a negation reaches (clause, up to a conjunction). */
  sentence: number;
  scope: number;
  /** Comes after a contrast word in its sentence ("ma", "but"). */
  contrasted: boolean;
}

/** Project names and aliases are not status language ("Colli di bottiglia", "Spot check"). */
function maskProjects(text: string, programme: Programme | null): string {
  if (!programme) return text;
  let out = text;
  for (const m of findProjectsInText(programme, text)) out = out.slice(0, m.start) + ' '.repeat(m.end - m.start) + out.slice(m.end);
  return out;
}

/** "40% done", "al 55% completato": a figure with its qualifier is progress, not a verdict. */
const FIGURE = /(?<![\p{L}\d])\d{1,3}(?:[.,]\d+)?\s*(?:%|per\s*cento|percento|percent)(?:\s+(?:done|complete|completed|completat\p{L}*|fatt\p{L}*|realizzat\p{L}*))?/giu;

function tokens(text: string, programme: Programme | null): Token[] {
  const g = statusLanguage().grammar;
  const vocabulary = vocabularyFor(programme?.glossary);
  const masked = maskProjects(text, programme).replace(FIGURE, ' ');
  const out: Token[] = [];
  let scope = 0;
  masked.split(/[.!?;\n]+/).forEach((sentence, s) => {
    let contrasted = false;
    for (const piece of sentence.split(/[,:()]+/)) {
      scope++;
      const raws = words(piece);
      const ws = raws.map(fold);
      // English look-up on every message: status words of one language are rarely words of the other.
      const rendered = translations(ws, 'en', vocabulary);
      ws.forEach((w, i) => {
        if (g.contrast.has(w)) contrasted = true;
        if (g.contrast.has(w) || g.boundary.has(raws[i])) scope++;
        const keys = new Set([wordKey(w)]);
        for (const r of rendered[i]) for (const x of words(r)) keys.add(wordKey(x));
        out.push({ raw: raws[i], word: w, keys, sentence: s, scope, contrasted });
      });
    }
  });
  return out;
}

/** Does a cue (a key sequence) start at token i? A multi-word rendering may cover it at one token. */
function cueAt(ts: Token[], i: number, cue: string[]): number {
  if (cue.every((c) => ts[i].keys.has(c))) return 1;
  for (let j = 0; j < cue.length; j++) if (!ts[i + j] || ts[i + j].sentence !== ts[i].sentence || !ts[i + j].keys.has(cue[j])) return 0;
  return cue.length;
}

/** Italian future tense ("partirà", "chiuderemo", "inizieranno"): as written, accents and all. */
const ITALIAN_FUTURE = /\p{L}{2,}(?:erà|irà|arà|eremo|iremo|aremo|eranno|iranno|aranno)$/u;

/** Within this many words before a cue, a negation or "ancora/yet" applies to it. */
const SCOPE = 3;

/** The feature values of a message (same order as `statusFeatureNames`). */
export function statusFeatures(text: string, programme: Programme | null, context: StatusContext): number[] {
  const lang = statusLanguage();
  const ts = tokens(text, programme);
  const g = lang.grammar;
  const sentenceLength = new Map<number, number>();
  for (const t of ts) sentenceLength.set(t.sentence, (sentenceLength.get(t.sentence) ?? 0) + 1);
  const near = (i: number, set: Set<string>, after = 0) => {
    for (let j = Math.max(0, i - SCOPE); j <= Math.min(ts.length - 1, i + after); j++) {
      if (j !== i && ts[j].scope === ts[i].scope && set.has(ts[j].word)) return true;
    }
    return false;
  };
  const future = (i: number, len: number) => {
    for (let j = Math.max(0, i - SCOPE); j <= Math.min(ts.length - 1, i + len + SCOPE); j++) {
      if (ts[j].scope === ts[i].scope && (g.future.has(ts[j].word) || ITALIAN_FUTURE.test(ts[j].raw))) return true;
    }
    return false;
  };
  const conceptValues: number[] = [];
  let cues = 0;
  for (const concept of lang.concepts) {
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < ts.length; i++) {
      // A negation is never a cue itself ("nothing new" is read as "nothing" + "new").
      if (g.negation.has(ts[i].word)) continue;
      const len = concept.cues.reduce((best, c) => Math.max(best, cueAt(ts, i, c)), 0);
      if (!len) continue;
      // "recuperato il ritardo", "problema risolto", "resolved the issue": the problem is gone, as if negated.
      const negated = near(i, g.negation) || near(i, g.resolved, len + 1);
      // "yet" follows what it qualifies in English ("hasn't started yet"), "ancora" precedes it.
      const still = near(i, g.still, len + 1);
      if (negated) counts[1]++;
      else counts[0]++;
      if (still) counts[2]++;
      if (!negated && (sentenceLength.get(ts[i].sentence) ?? 0) <= len + 1) counts[3]++;
      if (ts[i].contrasted) counts[4]++;
      // Said of what is to come ("avvio previsto", "kickoff planned", "partiremo"), not of now.
      if (future(i, len)) counts[5]++;
      cues++;
      i += len - 1;
    }
    // Presence, not repetition: a message says a thing once or twice as it pleases.
    conceptValues.push(...counts.map((c) => (c > 0 ? 1 : 0)));
  }
  const p = context.progress;
  const has = (set: Set<string>) => ts.some((t) => set.has(t.word));
  const globals: Record<(typeof GLOBALS)[number], number> = {
    bias: 1,
    progress0: p === 0 ? 1 : 0,
    progressLow: p !== null && p > 0 && p < 50 ? 1 : 0,
    progressHigh: p !== null && p >= 50 && p < 100 ? 1 : 0,
    progress100: p === 100 ? 1 : 0,
    dueDate: context.dueDate ? 1 : 0,
    noCue: cues === 0 ? 1 : 0,
    // "non ancora", "nothing uploaded yet", "not yet": nothing done so far, whatever the verb.
    notYet: ts.some((t, i) => g.still.has(t.word) && near(i, g.negation, SCOPE)) ? 1 : 0,
    uncertain: has(g.uncertain) ? 1 : 0,
  };
  return [...GLOBALS.map((k) => globals[k]), ...conceptValues];
}
