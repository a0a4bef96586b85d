import { stem, stems, words } from '../embedding/analyze.ts';
import { fold } from '../language.ts';
import type { AnswerType, QueryAnalysis } from '../retrieval/query.ts';
import { splitSentences, type Passage } from './passages.ts';

/** A sentence of a passage, scored for how well it answers the question. */
export interface ScoredSentence {
  passage: Passage;
  index: number;
  text: string;
  /** The sentences after this one in its passage (a list introduced by "...:" continues there). */
  following: string[];
  /** Share of the question's meaning (IDF-weighted concepts) found in the sentence, 0..1. */
  coverage: number;
  /** Share found in the sentence or its passage, 0..1. */
  passageCoverage: number;
  /** Share found in the sentence or the sentences just before and after it, 0..1. */
  contextCoverage: number;
  /** Weight of each question stem (IDF over the retrieved sentences): what trimming keeps. */
  weights: Map<string, number>;
  /** The sentence holds the kind of thing asked for (a number, a date, a name...). */
  typeMatch: boolean;
  /** Every name the question is about appears in the passage. */
  focusCovered: boolean;
  score: number;
}

const MONTHS = 'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|january|february|march|april|may|june|july|august|september|october|november|december';
const NUMBER_WORDS = 'due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|venti|trenta|quaranta|cinquanta|cento|mille|mila|milioni|miliardi|decine|centinaia|migliaia';

const TYPE_PATTERNS: Partial<Record<AnswerType, RegExp>> = {
  number: new RegExp(`\\d|\\b(${NUMBER_WORDS})\\b`, 'i'),
  money: /€|\beur(o|i)?\b|\bmilion[ei]\b|\bmiliard[oi]\b|\d[\d.,]*\s*(mila|k|mln|mld)\b|\bplafond\b/i,
  date: new RegExp(`\\b(1[89]|20)\\d{2}\\b|\\b(${MONTHS})\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b`, 'i'),
  frequency: /\b(annual\w*|annu[oaie]|mensil\w*|settimanal\w*|trimestral\w*|semestral\w*|quotidian\w*|ogni (anno|mese|settimana|giorno|\w+ mesi)|cadenza|periodic\w*|yearly|monthly|weekly)\b/i,
  person: /(\p{Lu}\p{Ll}+|\p{Lu}\.)\s+(\p{Lu}\p{Ll}+|[dD][ie]\s\p{Lu}\p{Ll}+)|\b(presidente|sindaco|vicesindaco|direttore|assessore|segretario|team leader|coordinatore|responsabile)\b|\b\p{Lu}{2,}\b/u,
  // No `i` flag: with it, \p{Lu} would match lower case too ("in via di dismissione").
  place: /\b([Vv]ia|[Vv]iale|[Cc]orso|[Pp]iazza|[Pp]iazzale|[Ll]argo|[Vv]icolo|[Ss]trada|[Ll]ocalit[aà])\s+\p{Lu}|\bha sede\b|\bsede (in|a|presso)\b|\b\d{5}\b/u,
  definition: /\b(ossia|cio[eè]|sta per|significa|acronimo|sigla)\b|\(\s*\p{Lu}|–|:\s|\bovvero\b/iu,
};

/** Does the text hold the kind of thing the question asks for? Types without a pattern always match. */
export function matchesAnswerType(text: string, type: AnswerType): boolean {
  const re = TYPE_PATTERNS[type];
  return re ? re.test(text) : true;
}

/**
 * How clearly a matching sentence holds the answer: for counts and amounts, a figure written in
 * digits right next to a word of the question ("16 azioni") beats a figure elsewhere, which beats
 * a number word ("due/tre").
 */
function answerTypeStrength(text: string, q: QueryAnalysis, weights: Map<string, number>): number {
  if (q.answerType !== 'number' && q.answerType !== 'money') return 1;
  const tokens = text.split(/\s+/);
  let digits = false;
  for (let i = 0; i < tokens.length; i++) {
    if (!/\d/.test(tokens[i])) continue;
    digits = true;
    for (let j = Math.max(0, i - 3); j <= Math.min(tokens.length - 1, i + 3); j++) {
      if (j !== i && stems(tokens[j]).some((st) => weights.has(st))) return 1;
    }
  }
  return digits ? 0.85 : 0.7;
}

function stemSet(text: string): Set<string> {
  return new Set(stems(text));
}

/** Folded words of a name must all appear in the text (order-free; short words ignored). */
export function nameIn(name: string, foldedTextWords: Set<string>): boolean {
  const ws = words(fold(name)).filter((w) => w.length > 1);
  if (!ws.length) return true;
  return ws.every((w) => foldedTextWords.has(w) || foldedTextWords.has(stem(w)));
}

function foldedWordSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(fold(text))) {
    out.add(w);
    out.add(stem(w));
  }
  return out;
}

const UNFOUND_WEIGHT = 0.3;
const HEADING_SHARE = 0.5;

/**
 * Scores every sentence of the passages against the question. IDF is computed over the sentences
 * themselves, so words that are everywhere in the retrieved text count little.
 */
export function scoreSentences(q: QueryAnalysis, passages: Passage[]): ScoredSentence[] {
  const sentences = passages.flatMap((p) => {
    const all = splitSentences(p.text);
    // The title and section a sentence sits under say what it is about ("Stato" of the PLF note).
    const heading = stemSet(`${p.title} ${p.section}`);
    const stemsOf = all.map(stemSet);
    return all.map((text, index) => ({
      passage: p,
      index,
      text,
      following: all.slice(index + 1, index + 6),
      stems: stemsOf[index],
      heading,
      around: [stemsOf[index - 1], stemsOf[index + 1]].filter((x): x is Set<string> => !!x),
    }));
  });
  if (!sentences.length || !q.concepts.length) return [];
  const n = sentences.length;
  const df = new Map<string, number>();
  for (const s of sentences) for (const st of s.stems) df.set(st, (df.get(st) ?? 0) + 1);
  const conceptWeight = q.concepts.map((c) => {
    const found = Math.max(0, ...c.stems.map((st) => df.get(st) ?? 0));
    // A word found nowhere in the retrieved text is usually a paraphrase or an untranslated
    // English word: it cannot tell sentences apart, so it weighs little.
    if (found === 0) return UNFOUND_WEIGHT;
    return (Math.log(1 + n / found) + 0.5) * c.weight;
  });
  const totalWeight = conceptWeight.reduce((a, b) => a + b, 0);
  const weights = new Map<string, number>();
  q.concepts.forEach((c, i) => c.stems.forEach((st) => weights.set(st, Math.max(weights.get(st) ?? 0, conceptWeight[i]))));
  const passageStems = new Map<Passage, Set<string>>();
  const passageWords = new Map<Passage, Set<string>>();
  for (const p of passages) {
    passageStems.set(p, stemSet(`${p.title} ${p.section} ${p.text}`));
    passageWords.set(p, foldedWordSet(`${p.title} ${p.section} ${p.text}`));
  }
  const aliasSets = q.projects.map((p) => [p.name, ...p.aliases]);
  return sentences.map((s) => {
    const ps = passageStems.get(s.passage)!;
    let inSentence = 0;
    let inContext = 0;
    let inPassage = 0;
    q.concepts.forEach((c, i) => {
      if (c.stems.some((st) => s.stems.has(st))) inSentence += conceptWeight[i];
      // Named only in the title or section the sentence sits under: about it, less directly.
      else if (c.stems.some((st) => s.heading.has(st))) inSentence += HEADING_SHARE * conceptWeight[i];
      else if (c.stems.some((st) => s.around.some((a) => a.has(st)))) inContext += conceptWeight[i];
      else if (c.stems.some((st) => ps.has(st))) inPassage += conceptWeight[i];
    });
    const coverage = inSentence / totalWeight;
    const contextCoverage = (inSentence + inContext) / totalWeight;
    const passageCoverage = (inSentence + inContext + inPassage) / totalWeight;
    const pw = passageWords.get(s.passage)!;
    const focusCovered =
      q.focus.every((f) => nameIn(f, pw) || aliasSets.some((set) => set.some((a) => fold(a) === fold(f)) && set.some((a) => nameIn(a, pw))));
    const typeMatch = matchesAnswerType(s.text, q.answerType);
    const typeStrength = typeMatch ? answerTypeStrength(s.text, q, weights) : HARD_TYPES.has(q.answerType) || q.answerType === 'person' ? 0.6 : 0.85;
    const rankPrior = 1 / (1 + 0.08 * (s.passage.rank - 1));
    // A sentence that asks a question (an FAQ, a quoted example) does not answer one.
    // Neither does a bare heading ("Stato in breve": few words, no closing punctuation).
    const asks = /\?/.test(s.text) || (!/[.!;:…"”»)]$/.test(s.text.trim()) && s.text.split(/\s+/).length < 8) ? 0.3 : 1;
    const score = (coverage + 0.3 * contextCoverage + 0.2 * passageCoverage) * rankPrior * typeStrength * asks * (focusCovered ? 1 : 0.5);
    return { passage: s.passage, index: s.index, text: s.text, following: s.following, coverage, contextCoverage, weights, passageCoverage, typeMatch, focusCovered, score };
  });
}

/** Answer types whose absence from a sentence means it does not answer (a count without a number). */
const HARD_TYPES = new Set<AnswerType>(['number', 'money', 'date', 'frequency', 'place']);

/** Thresholds of the evidence check, tuned on development questions (by kind, not by item). */
export const EVIDENCE = {
  minCoverage: 0.3,
  minPassageCoverage: 0.5,
};

/** Is this sentence good enough evidence to answer from, or should Regia abstain? */
export function isSufficient(s: ScoredSentence | undefined, q: QueryAnalysis): boolean {
  if (!s) return false;
  if (!s.focusCovered) return false;
  if (!s.typeMatch && HARD_TYPES.has(q.answerType)) return false;
  return s.coverage >= EVIDENCE.minCoverage && s.passageCoverage >= EVIDENCE.minPassageCoverage;
}
