import { stems } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { QueryAnalysis } from '../../retrieval/query.ts';
import type { Passage } from '../passages.ts';
import { nameIn, newMatches, shaped } from './answer-types.ts';
import type { Candidate } from './candidates.ts';
import { countedKin, countedMatch, countedStems } from './counted.ts';

/** The features of a candidate, in the order of the fitted weights (see data/reader-weights.json). */
export const FEATURES = [
  'bias',
  'coverage',
  'leadCoverage',
  'contextCoverage',
  'passageCoverage',
  'typeMatch',
  'typeNear',
  'rankPrior',
  'focusCovered',
  'asks',
  'short',
  'long',
  'agreement',
  'acronym',
  'unfound',
  'coverageGap',
  'kindItem',
  'kindRow',
  'kindHeading',
  'hardTypeMissing',
  'coverageTyped',
  'passageGap',
  'contextGap',
  'kindAcronym',
  'kindList',
  'listAsked',
  'enumAsked',
  'countedNear',
  'clauseCoverage',
] as const;

export type FeatureVector = number[];

/** How far (characters) the asked-for thing may sit from the question's words to count as "near". */
const NEAR_CHARS = 60;
/** A list written inside a sentence: a lead-in ending in ":" then items parted by commas or semicolons. */
const INLINE_LIST = /:\s*[^:;,]{2,80}[,;]\s*[^:;,]{2,80}(?:[,;]|\se\s|\sand\s|\sed\s)/u;
/** A concept found nowhere in the retrieved text is usually a paraphrase: it weighs little. */
const UNFOUND_WEIGHT = 0.3;

/**
 * How many analyses are remembered across questions: word forms (small), and texts the size of
 * a sentence or a passage (a question reads 30 passages and a few hundred candidates, leads and
 * neighbouring sentences). Filled with passage-sized texts, 20,000 entries held ~46 MB of heap
 * and 3,000 about 7 MB, so texts get the smaller bound: a server stays small however long it runs.
 */
const WORDS_REMEMBERED = 20_000;
const TEXTS_REMEMBERED = 3_000;
const PASSAGES_REMEMBERED = 1_000;

/** A bounded memo of a function of a text: the same chunks come back question after question. */
function memo<T>(fn: (text: string) => T, size: number): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let v = known.get(text);
    if (v === undefined) {
      v = fn(text);
      if (known.size >= size) known.clear();
      known.set(text, v);
    }
    return v;
  };
}

/**
 * The stems of a text, each text stemmed once: candidates share their neighbouring sentences and
 * passages, a word recurs in many of them, and the same chunks are retrieved for many questions.
 * The sets are shared: never modified.
 */
const stemSetOf = (text: string): ReadonlySet<string> => new Set(stems(text));
const wordStems = memo(stemSetOf, WORDS_REMEMBERED);
export const stemSet = memo(stemSetOf, TEXTS_REMEMBERED);

/** The folded words and stems of a passage (what a name is looked for in). */
const foldedWordSet = memo((text: string): ReadonlySet<string> => new Set([...(fold(text).match(/[\p{L}\p{N}]+/gu) ?? []), ...stemSet(text)]), PASSAGES_REMEMBERED);

/** A passage's text folded (where an answer's value is looked for in other passages). */
const foldedPassage = memo(fold, PASSAGES_REMEMBERED);

/** The words of a text with their character offsets, each with its stems. */
const stemmedWords = memo((text: string): { index: number; stems: ReadonlySet<string> }[] =>
  [...text.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({ index: m.index, stems: wordStems(m[0]) })), TEXTS_REMEMBERED,
);

/** Character offsets of the words of a text whose stems are question concepts. */
function conceptOffsets(text: string, wanted: Set<string>): number[] {
  const out: number[] = [];
  for (const w of stemmedWords(text)) {
    for (const s of w.stems) {
      if (wanted.has(s)) {
        out.push(w.index);
        break;
      }
    }
  }
  return out;
}

/**
 * "Polo Strategico Nazionale (PSN)", "PSN (Polo Strategico Nazionale)" or "(Polo Strategico
 * Nazionale, PSN)": whether a text expands one of the acronyms asked about. The patterns are built once a question, and tried only on
 * texts that hold the acronym as written (every pattern needs it: most candidates are skipped).
 */
function acronymExpander(acronyms: string[]): (text: string) => boolean {
  const patterns = acronyms.map((a) => {
    const esc = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return {
      acronym: a,
      re: new RegExp(`\\p{Lu}[\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+){1,9}\\s*\\(\\s*${esc}\\s*\\)|\\p{Lu}[\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+){1,9}\\s*,\\s*${esc}\\s*\\)|\\b${esc}\\s*\\(\\s*\\p{Lu}[\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+){1,9}\\s*\\)|\\b${esc}\\b[^.]{0,30}\\b(?:ossia|cioè|sta per|acronimo di|stands for)\\b`, 'u'),
    };
  });
  return (text) => patterns.some((p) => text.includes(p.acronym) && p.re.test(text));
}


/** Where a clause ends: what parts a sentence into the pieces a figure and its words share. */
const CLAUSE_BREAK = /[;:()[\]]|[.!?](?:\s|$)/gu;

/**
 * Features of every candidate for a question. Concept weights are IDF over the candidates
 * themselves, so words that are everywhere in the retrieved text count little.
 */
export function featuresOf(q: QueryAnalysis, candidates: Candidate[]): FeatureVector[] {
  if (!candidates.length) return [];
  const own = candidates.map((c) => stemSet(c.text));
  const leads = candidates.map((c) => stemSet(`${c.lead} ${c.passage.title} ${c.passage.section}`));
  const passageStems = new Map(candidates.map((c) => [c.passage, null as ReadonlySet<string> | null]));
  for (const p of passageStems.keys()) passageStems.set(p, stemSet(`${p.title} ${p.section} ${p.text}`));
  const df = new Map<string, number>();
  for (const s of own) for (const st of s) df.set(st, (df.get(st) ?? 0) + 1);
  const n = candidates.length;
  const found = q.concepts.map((c) => Math.max(0, ...c.stems.map((st) => df.get(st) ?? 0)));
  const weight = q.concepts.map((c, i) => (found[i] === 0 ? UNFOUND_WEIGHT : (Math.log(1 + n / found[i]) + 0.5) * c.weight));
  const total = weight.reduce((a, b) => a + b, 0) || 1;
  const inAnyPassage = q.concepts.map((c) => [...passageStems.values()].some((ps) => c.stems.some((st) => ps!.has(st))));
  const unfound = q.concepts.length ? inAnyPassage.filter((x) => !x).length / q.concepts.length : 1;
  const wanted = new Set(q.concepts.flatMap((c) => c.stems));
  const askedAcronyms = q.focus.filter((f) => /^\p{Lu}[\p{Lu}\d]{1,9}$/u.test(f));
  const expandsAcronym = acronymExpander(askedAcronyms);
  // "What is / what does PSNC stand for?": the asked-for thing is the acronym's expansion, not
  // any defining phrase (a colon, "ovvero") in a sentence that merely uses the acronym.
  const expansionAsked = q.answerType === 'definition' && askedAcronyms.length > 0;
  const passages = [...passageStems.keys()];
  // A passage's words are looked at only for the names the question is about (none: not made).
  const passageWords = new Map(q.focus.length ? passages.map((p) => [p, foldedWordSet(`${p.title} ${p.section} ${p.text}`)]) : []);
  const aliasSets = q.projects.map((p) => [p.name, ...p.aliases]);
  // A kind whose absence from a candidate all but rules it out (a count without a number).
  const hard = shaped(q.answerType, 'sure', 'cue');
  // Which passages hold a value, each value looked for once (candidates share their values).
  const holders = new Map<string, boolean[]>();
  const holding = (value: string) => {
    let h = holders.get(value);
    if (!h) {
      h = passages.map((p) => foldedPassage(p.text).includes(value));
      holders.set(value, h);
    }
    return h;
  };

  // What a count question counts ("quante università"): see counted.ts.
  const counted = countedStems(q);
  const kin = countedKin(q);
  // Which concepts a stem finds (a stem may belong to several: "migrazione" and "migration").
  const conceptsOfStem = new Map<string, number[]>();
  q.concepts.forEach((c, i) => {
    for (const st of c.stems) conceptsOfStem.set(st, [...(conceptsOfStem.get(st) ?? []), i]);
  });

  const rows = candidates.map((c, k) => {
    const around = c.around.map(stemSet);
    const ps = passageStems.get(c.passage)!;
    let inText = 0;
    let inLead = 0;
    let inContext = 0;
    let inPassage = 0;
    q.concepts.forEach((concept, i) => {
      const has = (set: ReadonlySet<string>) => concept.stems.some((st) => set.has(st));
      if (has(own[k])) inText += weight[i];
      else if (has(leads[k])) inLead += weight[i];
      else if (around.some(has)) inContext += weight[i];
      else if (has(ps)) inPassage += weight[i];
    });
    const matches = newMatches(c.text, q.answerType, q.question);
    const expands = expandsAcronym(c.text);
    const typeMatch = expansionAsked ? (expands ? 1 : 0) : matches.length > 0 || !shaped(q.answerType) ? 1 : 0;
    // Where the question's words are: only asked when the text holds something of the asked type.
    const offsets = !expansionAsked && matches.length ? conceptOffsets(c.text, wanted) : [];
    const typeNear = expansionAsked ? typeMatch : matches.some((m) => offsets.some((o) => Math.abs(o - m.index) <= NEAR_CHARS && !(o >= m.index && o < m.index + m.text.length))) ? 1 : 0;
    const agreement = matches.length && passages.length > 1 ? agreementOf(matches.map((m) => holding(fold(m.text))), c.passage, passages) : 0;
    const pw = passageWords.get(c.passage)!;
    const focusCovered = q.focus.every((f) => nameIn(f, pw) || aliasSets.some((set) => set.some((a) => fold(a) === fold(f)) && set.some((a) => nameIn(a, pw)))) ? 1 : 0;
    const asks = /\?/.test(c.text) ? 1 : 0;
    const words = matches.length ? stemmedWords(c.text) : [];
    // 1: a figure counts the asked thing; -1: every figure counts something else ("due assi" for "quante università?").
    const countedNear = countedMatch(c.text, matches, counted, kin);
    const clauseCoverage = matches.length ? Math.max(...matches.map((m) => clauseWeight(c.text, m.index, words, conceptsOfStem, weight))) / total : 0;
    return [
      1,
      inText / total,
      inLead / total,
      (inText + inLead + inContext) / total,
      (inText + inLead + inContext + inPassage) / total,
      typeMatch,
      shaped(q.answerType) ? typeNear : typeMatch,
      1 / c.passage.rank,
      focusCovered,
      asks,
      Math.min(1, c.text.length / 60),
      Math.max(0, (c.text.length - 300) / 300),
      agreement,
      expands ? 1 : 0,
      unfound,
      0,
      c.kind === 'item' ? 1 : 0,
      c.kind === 'row' ? 1 : 0,
      c.kind === 'heading' ? 1 : 0,
      hard && !typeMatch ? 1 : 0,
      (inText / total) * (shaped(q.answerType) ? typeNear : typeMatch),
      0,
      0,
      c.kind === 'acronym' ? 1 : 0,
      c.kind === 'list' ? 1 : 0,
      c.kind === 'list' && q.answerType === 'list' ? 1 : 0,
      c.kind !== 'list' && q.answerType === 'list' && INLINE_LIST.test(c.text) ? 1 : 0,
      countedNear,
      clauseCoverage,
    ];
  });
  // How far each candidate is from the best of the question: what sets the answer apart.
  const gap = (column: number, into: number) => {
    const best = Math.max(...rows.map((r) => r[column]));
    for (const r of rows) r[into] = r[column] - best;
  };
  gap(1, 15);
  gap(4, 21);
  gap(3, 22);
  return rows;
}

/**
 * The question's concepts (their weights, each counted once) in the clause that holds a typed
 * match: the words that sit with the asked-for value, not elsewhere in a long sentence.
 */
function clauseWeight(text: string, at: number, words: { index: number; stems: ReadonlySet<string> }[], conceptsOfStem: Map<string, number[]>, weight: number[]): number {
  let start = 0;
  let end = text.length;
  for (const b of text.matchAll(CLAUSE_BREAK)) {
    if (b.index < at) start = b.index + 1;
    else if (b.index >= at) {
      end = b.index;
      break;
    }
  }
  const seen = new Set<number>();
  for (const w of words) {
    if (w.index < start || w.index >= end) continue;
    for (const st of w.stems) for (const i of conceptsOfStem.get(st) ?? []) seen.add(i);
  }
  let sum = 0;
  for (const i of seen) sum += weight[i];
  return sum;
}

/** The share of the other passages that hold one of the values a candidate holds (`held`: per value, which passages hold it). */
function agreementOf(held: boolean[][], own: Passage, passages: Passage[]): number {
  let agree = 0;
  passages.forEach((p, i) => {
    if (p !== own && held.some((h) => h[i])) agree++;
  });
  return agree / (passages.length - 1);
}

