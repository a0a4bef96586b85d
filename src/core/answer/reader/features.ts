import { stems } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { AnswerType, QueryAnalysis } from '../../retrieval/query.ts';
import { nameIn, newMatches } from './answer-types.ts';
import type { Candidate } from './candidates.ts';

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
] as const;

export type FeatureVector = number[];

/** Answer types whose absence from a candidate means it does not answer (a count without a number). */
export const HARD_TYPES = new Set<AnswerType>(['number', 'money', 'share', 'duration', 'date', 'frequency', 'place']);
/** How far (characters) the asked-for thing may sit from the question's words to count as "near". */
const NEAR_CHARS = 60;
/** A concept found nowhere in the retrieved text is usually a paraphrase: it weighs little. */
const UNFOUND_WEIGHT = 0.3;

/**
 * The stems of a text, each text stemmed once per question: candidates share their neighbouring
 * sentences and passages, and a word recurs in many of them.
 */
function stemmer(): (text: string) => Set<string> {
  const known = new Map<string, Set<string>>();
  return (text) => {
    const set = known.get(text) ?? new Set(stems(text));
    known.set(text, set);
    return set;
  };
}

function foldedWordSet(text: string, stemSet: (text: string) => Set<string>): Set<string> {
  return new Set([...(fold(text).match(/[\p{L}\p{N}]+/gu) ?? []), ...stemSet(text)]);
}

/** Character offsets of the words of a text whose stems are question concepts. */
function conceptOffsets(text: string, wanted: Set<string>, stemSet: (text: string) => Set<string>): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}'’-]+/gu)) if ([...stemSet(m[0])].some((s) => wanted.has(s))) out.push(m.index);
  return out;
}

/** "Polo Strategico Nazionale (PSN)" or "PSN (Polo Strategico Nazionale)": the acronym asked about, expanded. */
function expandsAcronym(text: string, acronyms: string[]): boolean {
  return acronyms.some((a) => {
    const esc = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`\\p{Lu}[\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+){1,9}\\s*\\(\\s*${esc}\\s*\\)|\\b${esc}\\s*\\(\\s*\\p{Lu}[\\p{L}'’-]+(?:\\s+[\\p{L}'’-]+){1,9}\\s*\\)|\\b${esc}\\b[^.]{0,30}\\b(?:ossia|cioè|sta per|acronimo di|stands for)\\b`, 'u').test(text);
  });
}

/**
 * Features of every candidate for a question. Concept weights are IDF over the candidates
 * themselves, so words that are everywhere in the retrieved text count little.
 */
export function featuresOf(q: QueryAnalysis, candidates: Candidate[]): FeatureVector[] {
  if (!candidates.length) return [];
  const stemSet = stemmer();
  const own = candidates.map((c) => stemSet(c.text));
  const leads = candidates.map((c) => stemSet(`${c.lead} ${c.passage.title} ${c.passage.section}`));
  const passageStems = new Map(candidates.map((c) => [c.passage, null as Set<string> | null]));
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
  const acronyms = q.focus.filter((f) => /^\p{Lu}[\p{Lu}\d]{1,9}$/u.test(f));
  const passageWords = new Map([...passageStems.keys()].map((p) => [p, foldedWordSet(`${p.title} ${p.section} ${p.text}`, stemSet)]));
  // Folded once per passage, not once per candidate and passage (a whole passage each time).
  const foldedText = new Map([...passageStems.keys()].map((p) => [p, fold(p.text)]));
  const aliasSets = q.projects.map((p) => [p.name, ...p.aliases]);
  const hard = HARD_TYPES.has(q.answerType);

  const rows = candidates.map((c, k) => {
    const around = c.around.map(stemSet);
    const ps = passageStems.get(c.passage)!;
    let inText = 0;
    let inLead = 0;
    let inContext = 0;
    let inPassage = 0;
    q.concepts.forEach((concept, i) => {
      const has = (set: Set<string>) => concept.stems.some((st) => set.has(st));
      if (has(own[k])) inText += weight[i];
      else if (has(leads[k])) inLead += weight[i];
      else if (around.some(has)) inContext += weight[i];
      else if (has(ps)) inPassage += weight[i];
    });
    const matches = newMatches(c.text, q.answerType, q.question);
    const typeMatch = matches.length > 0 || !TYPED.has(q.answerType) ? 1 : 0;
    const offsets = conceptOffsets(c.text, wanted, stemSet);
    const typeNear = matches.some((m) => offsets.some((o) => Math.abs(o - m.index) <= NEAR_CHARS && !(o >= m.index && o < m.index + m.text.length))) ? 1 : 0;
    const others = candidates.filter((o) => o.passage !== c.passage).map((o) => o.passage);
    const otherPassages = [...new Set(others)];
    const agreement = matches.length && otherPassages.length ? otherPassages.filter((p) => matches.some((m) => (foldedText.get(p) ?? fold(p.text)).includes(fold(m.text)))).length / otherPassages.length : 0;
    const pw = passageWords.get(c.passage)!;
    const focusCovered = q.focus.every((f) => nameIn(f, pw) || aliasSets.some((set) => set.some((a) => fold(a) === fold(f)) && set.some((a) => nameIn(a, pw)))) ? 1 : 0;
    const asks = /\?/.test(c.text) ? 1 : 0;
    return [
      1,
      inText / total,
      inLead / total,
      (inText + inLead + inContext) / total,
      (inText + inLead + inContext + inPassage) / total,
      typeMatch,
      TYPED.has(q.answerType) ? typeNear : typeMatch,
      1 / c.passage.rank,
      focusCovered,
      asks,
      Math.min(1, c.text.length / 60),
      Math.max(0, (c.text.length - 300) / 300),
      agreement,
      acronyms.length && expandsAcronym(c.text, acronyms) ? 1 : 0,
      unfound,
      0,
      c.kind === 'item' ? 1 : 0,
      c.kind === 'row' ? 1 : 0,
      c.kind === 'heading' ? 1 : 0,
      hard && !typeMatch ? 1 : 0,
      (inText / total) * (TYPED.has(q.answerType) ? typeNear : typeMatch),
      0,
      0,
      c.kind === 'acronym' ? 1 : 0,
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

/** Answer types with a recognisable shape in text. */
const TYPED = new Set<AnswerType>(['number', 'money', 'share', 'duration', 'date', 'frequency', 'person', 'organisation', 'place', 'definition']);
