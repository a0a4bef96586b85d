import { STOP_WORDS, stem, words } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { AnswerType } from '../../retrieval/query.ts';
import { numberWordValue } from '../../number-words.ts';
import { monthNames } from '../../time.ts';
import { figuresOf } from './figures.ts';
import { measureAsked, unitForms, type MeasureKind } from '../../vocabulary/units.ts';

/** How the kinds of thing a question asks for look in Italian (and English) text. */
const MONTHS = [...monthNames('it'), ...monthNames('en')].join('|');
/**
 * A count written in words, simple or compound ("sei", "sessanta", "quattromila",
 * "duemilacinquecento"): any word ending in a number word, kept only when it reads as a number
 * (see isCount); and the words of an order of magnitude ("decine", "migliaia").
 */
const NUMBER_WORDS = String.raw`\p{L}*(?:uno|due|tre|tré|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto|diciannove|venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta|cento|mille|mila|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)|milioni|miliardi|decine|centinaia|migliaia|dozens|hundreds|thousands|millions`;
const MAGNITUDES = new Set(['milioni', 'miliardi', 'decine', 'centinaia', 'migliaia', 'dozens', 'hundreds', 'thousands', 'millions']);
/** A word matched as a count really is one ("altre" ends like "tre" and is none; "un" is an article). */
function isCount(word: string): boolean {
  const w = fold(word.split(/\s+/)[0]);
  if (MAGNITUDES.has(w)) return true;
  const v = numberWordValue(w);
  return v !== null && v >= 2;
}
/** A figure as written, never ending on the comma or full stop that follows it ("2026," is "2026"); a count is never glued to letters ("82esimo" is a rank). */
const FIGURE = String.raw`\d(?:[\d.,]*\d)?`;
const SCALE = String.raw`(?:\s*(?:%|per\s?cento|mila|milioni|miliardi|mln|mld|k)\b)?`;
const CURRENCY = String.raw`(?:\s*(?:di\s+)?(?:euro|€|eur)\b)?`;

/** The part of a year a date may name ("fine del 2025", "end of 2025", "metà 2023"). */
const YEAR_PART = String.raw`(?:fine|inizio|met[aà]|end|beginning|start|middle)(?:\s+(?:del|dell['’]|dello|of(?:\s+the)?|anno))?`;

/** Units of time as documents write them ("giorni", "gg", "hours"), from the units data. */
const TIME_UNITS = unitForms('time');
/**
 * Not a function word capitalised at the start of a sentence: "Il Tavolo", "Nel Comune" are no
 * names ("Il" is no part of one), the name that follows may still be ("Il Sindaco Mario Rossi").
 */
const NOT_FUNCTION_WORD = String.raw`(?!(?:${[...STOP_WORDS].filter((w) => /^[a-z]+$/.test(w)).map((w) => w[0].toUpperCase() + w.slice(1)).join('|')})(?![\p{L}]))`;
/** A person's or a body's name: capitalised words, acronyms, and bodies named by what they are ("Agenzia per la cybersicurezza"). */
const NAME = String.raw`${NOT_FUNCTION_WORD}(?:\p{Lu}\p{Ll}+|\p{Lu}\.)(?:\s+(?:\p{Lu}\p{Ll}+|[dD][ie]\s\p{Lu}\p{Ll}+)){1,3}|\b\p{Lu}{2,}[\p{Lu}\d]*\b`;
const BODY = String.raw`\b(?:[Aa]genzia|[Mm]inister[oi]|[Mm]inistry|[Dd]ipartimento|[Dd]epartment|[Aa]utorit[aà]|[Aa]uthority|[Ii]stituto|[Cc]onsorzio|[Ff]ondazione|[Aa]ssociazione|[Uu]niversit[aà]|[Cc]amera|[Cc]onferenza|[Rr]egione|[Pp]rovincia|[Cc]omune|[Ss]ociet[aà]|[Uu]fficio|[Dd]irezione|[Cc]entrale|[Aa]gency)(?![\p{L}\d])(?:\s+(?:(?:per|di|del|della|dello|dei|delle|degli|for|of|the|e|and|la|il|lo|le|gli)\s+)?\p{L}[\p{L}'’-]*){0,4}`;

/**
 * How sure the shape of a kind of thing asked is in text (its PATTERNS): a figure, an amount, a
 * date, a share, a duration are "sure" (a candidate without one does not answer); a frequency, a
 * place are a "cue" (telling, not certain); a person or a body is a "name" (names and other
 * capitalised words look alike); a definition or a reason is a "phrase" (the words that introduce
 * one). A list, a fact, a yes/no or a status has no shape.
 */
const SHAPES = { number: 'sure', money: 'sure', date: 'sure', share: 'sure', duration: 'sure', frequency: 'cue', place: 'cue', person: 'name', organisation: 'name', definition: 'phrase', reason: 'phrase' } as const satisfies Partial<Record<AnswerType, string>>;
export type Shape = (typeof SHAPES)[keyof typeof SHAPES];

/** Whether a kind of thing asked has one of these shapes in text (any shape when none is given). */
export function shaped(type: AnswerType, ...shapes: Shape[]): boolean {
  const shape = (SHAPES as Partial<Record<AnswerType, Shape>>)[type];
  return shape !== undefined && (!shapes.length || shapes.includes(shape));
}

const PATTERNS: Partial<Record<AnswerType, RegExp>> = {
  number: new RegExp(String.raw`(?<![\p{L}\d])(?:${FIGURE}${SCALE}${CURRENCY}(?![\p{L}\d])|(?:${NUMBER_WORDS})(?![\p{L}])(?:\s+(?:milioni|miliardi|mila)\b)?)`, 'giu'),
  money: new RegExp(String.raw`(?:€\s*${FIGURE}${SCALE}|(?<![\p{L}\d])${FIGURE}${SCALE}\s*(?:di\s+)?(?:euro|€|eur)\b|(?<![\p{L}\d])${FIGURE}\s*(?:milioni|miliardi|mln|mld)\b|\bplafond\b)`, 'giu'),
  // "1° aprile 2021", "31 March 2026", "2023-04-03", "marzo 2024", "21/07/2023", "fine del 2025", "2026".
  date: new RegExp(String.raw`\b(?:(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}[°º]?\s+(?:${MONTHS})(?:\s+(?:19|20)\d{2})?|(?:${MONTHS})\s+(?:19|20)\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|(?:${YEAR_PART}\s+)?(?:19|20)\d{2})\b`, 'giu'),
  share: /(?<![\p{L}\d])\d[\d.,]*\s*(?:%|per\s?cento|percent|per cent)|\b(?:un terzo|un quarto|la metà|metà|two thirds|a third|a quarter|half)(?![\p{L}\d])/giu,
  duration: new RegExp(String.raw`(?<![\p{L}\d])(?:\d[\d.,]*|${NUMBER_WORDS}|un|una|uno|a|an|one|two|three|four|five|six|ten|twelve)\s+(?:${TIME_UNITS})\b`, 'giu'),
  organisation: new RegExp(`${BODY}|${NAME}`, 'gu'),
  frequency: /\b(?:annual\w*|annu[oaie]|mensil\w*|settimanal\w*|trimestral\w*|semestral\w*|quotidian\w*|ogni (?:anno|mese|settimana|giorno|\w+ mesi)|cadenza \w+|periodic\w*|yearly|monthly|weekly)\b/giu,
  // No `i` flag: with it, \p{Lu} would match lower case too.
  // A speaker quoted by surname ("Butti: “...”") is a person too.
  person: new RegExp(String.raw`${NOT_FUNCTION_WORD}(?:\p{Lu}\p{Ll}+|\p{Lu}\.)(?:\s+(?:\p{Lu}\p{Ll}+|[dD][ie]\s\p{Lu}\p{Ll}+)){1,3}|\b\p{Lu}\p{Ll}+(?=:\s*[“"«])|\b(?:[Pp]residente|[Ss]indaco|[Vv]icesindaco|[Dd]irett(?:ore|rice)|[Aa]ssessore|[Ss]egretario|[Cc]oordinat(?:ore|rice)|[Rr]esponsabile|[Mm]inistr[oa])\b|\b\p{Lu}{2,}[\p{Lu}\d]*\b`, 'gu'),
  place: /\b(?:[Vv]ia|[Vv]iale|[Cc]orso|[Pp]iazza|[Pp]iazzale|[Ll]argo|[Vv]icolo|[Ss]trada|[Ll]ocalit[aà])\s+\p{Lu}[\p{L}\s]{0,30}|\bha sede\b|\bsede (?:in|a|presso)\s+\p{Lu}\p{L}+|\b\d{5}\b|\b(?:a|in|presso)\s+\p{Lu}\p{Ll}+/gu,
  // Why something is done, or what it is for: the words that give a purpose or a cause.
  reason: /(?<![\p{L}\d])(?:per evitare|al fine di|allo scopo di|con lo scopo di|in modo da|in modo che|affinch[eé]|perch[eé]|poich[eé]|in quanto|dato che|visto che|grazie a|serve a|servono a|servir[aà] a|ha lo scopo|hanno lo scopo|finalizzat[oaie] a|volt[oaie] a|per (?:consentire|garantire|permettere|favorire|assicurare|ridurre|migliorare|agevolare|promuovere|sostenere)|so that|in order to|because|due to|to (?:avoid|prevent|ensure|allow|enable|reduce|improve|support|promote)|aim(?:s|ed)? (?:to|at)|purpose)(?![\p{L}\d])/giu,
  definition: /\b(?:ossia|cio[eè]|sta per|significa|acronimo|sigla|ovvero|si intende|è (?:il|la|lo|l'|un|una)\b)|\(\s*\p{Lu}[^)]{0,60}\)|\s[–-]\s|:\s/giu,
};

export interface TypeMatch {
  index: number;
  text: string;
}

/** Where the text holds the kind of thing asked for (none for types without a shape, such as lists). */
export function typeMatches(text: string, type: AnswerType): TypeMatch[] {
  const re = PATTERNS[type];
  if (!re) return [];
  const found = [...text.matchAll(re)].map((m) => ({ index: m.index, text: m[0].trim() })).filter((m) => m.text.length > 0);
  if (type !== 'number' && type !== 'duration') return found;
  const counts = found.filter((m) => (/^\p{L}/u.test(m.text) ? isCount(m.text) || (type === 'duration' && ARTICLE_COUNT.test(m.text)) : !isCode(text, m)));
  return notInDates(text, counts);
}

/**
 * A figure that names rather than counts: a measure's or an article's number ("Misura 1.4.5",
 * "1.7.1", "art. 12"). Dots between short groups are no thousands ("1.500" is a count, "1.4.5" a code).
 */
const CODE = /^\d{1,2}(?:\.\d{1,2}){2,}$/;
/** Words that number what they name: the figure after one is its number ("Misura 1.2", "comma 3"). */
const NUMBERING_WORD = /\b(?:misura|measure|investimento|investment|articolo|article|artt?|allegato|annex|comma|paragrafo|sezione|section|punto|fase|tabella)\.?\s*$/iu;
/** Whether a figure of a text is a code: of a code's shape, or right after a word that numbers things. */
export function isCode(text: string, m: TypeMatch): boolean {
  return CODE.test(m.text) || NUMBERING_WORD.test(text.slice(Math.max(0, m.index - 16), m.index));
}

/** "un mese", "a year": an article counts one in a duration. */
const ARTICLE_COUNT = /^(?:un|una|uno|a|an|one)\s/iu;

/** A day or a year inside a date is no count ("18 luglio 2021", "2023-04-03" answer no "how many"). */
function notInDates(text: string, found: TypeMatch[]): TypeMatch[] {
  const dates = typeMatches(text, 'date').filter((d) => /\D/.test(d.text));
  return found.filter((m) => !dates.some((d) => m.index >= d.index && m.index < d.index + d.text.length));
}

const measurePatterns = new Map<MeasureKind, RegExp>();

/**
 * Figures written with a unit of a kind of measure ("1.500.000 mq", "340 gg", "tre chilometri",
 * "12,5 km²"): what answers "how big / how far / how many tonnes".
 */
export function measureMatches(text: string, kind: MeasureKind): TypeMatch[] {
  let re = measurePatterns.get(kind);
  if (!re) {
    re = new RegExp(String.raw`(?<![\p{L}\d])(?:${FIGURE}|${NUMBER_WORDS})(?:\s+(?:mila|milioni|miliardi|thousand|million))?\s*(?:${unitForms(kind)})(?![\p{L}\d])`, 'giu');
    measurePatterns.set(kind, re);
  }
  const found = [...text.matchAll(re)].map((m) => ({ index: m.index, text: m[0].trim() })).filter((m) => !/^\p{L}/u.test(m.text) || isCount(m.text));
  return notInDates(text, found);
}

/** The kind of measure a question asks for, remembered per question (asked once per candidate). */
const askedMeasures = new Map<string, MeasureKind | null>();
export function askedMeasure(question: string): MeasureKind | null {
  let k = askedMeasures.get(question);
  if (k === undefined) {
    k = measureAsked(fold(question))?.kind ?? null;
    if (askedMeasures.size >= 1_000) askedMeasures.clear();
    askedMeasures.set(question, k);
  }
  return k;
}

/** The asked-for kind of thing in a text: a measure question's figures with their unit, else the type's matches. */
function askedMatches(text: string, type: AnswerType, question: string): TypeMatch[] {
  const measure = type === 'number' ? askedMeasure(question) : null;
  return measure && measure !== 'time' ? measureMatches(text, measure) : typeMatches(text, type);
}

/**
 * Words after which a bare year is a date ("nel 2021", "entro il 2026", "fine del 2025"); after any
 * other word it is part of a name ("PA digitale 2026", "Agenda 2030", "Horizon 2020").
 */
const BEFORE_A_YEAR = new Set(
  'nel nell dal dall al all del dell il lo l entro fino a da di in tra fra dopo prima anno anni fine inizio meta termine e ed o oppure gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre in by since until till from to between of and or after before year years end start mid early late the january february march april may june july august september october november december'.split(' '),
);

/** Is a date match a year that is part of a name ("PA digitale 2026") or of an act's number ("n. 2/2003")? */
export function yearOfAName(text: string, m: TypeMatch): boolean {
  if (!/^(?:19|20)\d{2}$/.test(m.text)) return false;
  // "l.r. 2/2003", "n. 628/2021": the year of a law's or an act's number.
  if (/\d\/$/.test(text.slice(0, m.index))) return true;
  const before = /([\p{L}]+)['’]?\s*$/u.exec(text.slice(Math.max(0, m.index - 30), m.index));
  return !!before && /\s$/.test(text.slice(0, m.index)) && !BEFORE_A_YEAR.has(fold(before[1]));
}

/** The months a text names, by number, in either language ("maggio" and "May" are both 5). */
const MONTH_NUMBERS = new Map((['it', 'en'] as const).flatMap((lang) => monthNames(lang).map((name, i): [string, number] => [fold(name), i + 1])));

/**
 * Matches that only repeat what the question already says ("50 milioni" in "nell'avviso da 50
 * milioni, quanti servizi...?", "AgID" in "chi dirige AgID?", "maggio 2025" in "the May 2025
 * notice", "€14.000" in "of the €14,000..."): the asked-for thing is something else. Figures are
 * compared as amounts, months by number, so an English question's echo is found in Italian text.
 */
export function newMatches(text: string, type: AnswerType, question: string): TypeMatch[] {
  // A cause is given by the same words that ask for it ("perché? ... perché"): no echo to drop.
  if (type === 'reason') return typeMatches(text, type);
  const asked = fold(question);
  const askedAmounts = new Set(figuresOf(question).flatMap((f) => f.readings));
  const askedWords = new Set(words(asked));
  const askedMonths = new Set([...askedWords].flatMap((w) => MONTH_NUMBERS.get(w) ?? []));
  const wordAsked = (w: string) => askedWords.has(w) || askedMonths.has(MONTH_NUMBERS.get(w) ?? 0);
  return askedMatches(text, type, question).filter((m) => {
    if (type === 'date' && yearOfAName(text, m)) return false;
    const fs = figuresOf(m.text);
    if (!fs.length) return !asked.includes(fold(m.text));
    // "marzo 2024" answers "when in 2024...?": a date is an echo only with its words asked too.
    const echo = fs.every((f) => f.readings.some((r) => askedAmounts.has(r))) && (type !== 'date' || words(fold(m.text)).every((w) => /\d/.test(w) || wordAsked(w)));
    return !echo;
  });
}

/** Does the text hold the kind of thing the question asks for? Types without a shape always match. */
export function matchesAnswerType(text: string, type: AnswerType): boolean {
  return !PATTERNS[type] || typeMatches(text, type).length > 0;
}

/** Folded words of a name must all appear in the text (order-free; one-letter words ignored). */
export function nameIn(name: string, foldedTextWords: ReadonlySet<string>): boolean {
  const ws = words(fold(name)).filter((w) => w.length > 1);
  if (!ws.length) return true;
  return ws.every((w) => foldedTextWords.has(w) || foldedTextWords.has(stem(w)));
}
