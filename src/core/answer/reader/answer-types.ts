import { stem, words } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { AnswerType } from '../../retrieval/query.ts';
import { monthNames } from '../../time.ts';

/** How the kinds of thing a question asks for look in Italian (and English) text. */
const MONTHS = [...monthNames('it'), ...monthNames('en')].join('|');
const NUMBER_WORDS = 'due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta|cento|duecento|trecento|quattrocento|cinquecento|mille|mila|milioni|miliardi|decine|centinaia|migliaia';
/** A figure as written, never ending on the comma or full stop that follows it ("2026," is "2026"). */
const FIGURE = String.raw`\d(?:[\d.,]*\d)?`;
const SCALE = String.raw`(?:\s*(?:%|per\s?cento|mila|milioni|miliardi|mln|mld|k)\b)?`;
const CURRENCY = String.raw`(?:\s*(?:di\s+)?(?:euro|€|eur)\b)?`;

/** The part of a year a date may name ("fine del 2025", "end of 2025", "metà 2023"). */
const YEAR_PART = String.raw`(?:fine|inizio|met[aà]|end|beginning|start|middle)(?:\s+(?:del|dell['’]|dello|of(?:\s+the)?|anno))?`;

const TIME_UNITS = 'giorni|giorno|settimane|settimana|mesi|mese|anni|anno|ore|ora|minuti|days?|weeks?|months?|years?|hours?|minutes?';
/** A person's or a body's name: capitalised words, acronyms, and bodies named by what they are ("Agenzia per la cybersicurezza"). */
const NAME = String.raw`(?:\p{Lu}\p{Ll}+|\p{Lu}\.)(?:\s+(?:\p{Lu}\p{Ll}+|[dD][ie]\s\p{Lu}\p{Ll}+)){1,3}|\b\p{Lu}{2,}[\p{Lu}\d]*\b`;
const BODY = String.raw`\b(?:[Aa]genzia|[Mm]inister[oi]|[Mm]inistry|[Dd]ipartimento|[Dd]epartment|[Aa]utorit[aà]|[Aa]uthority|[Ii]stituto|[Cc]onsorzio|[Ff]ondazione|[Aa]ssociazione|[Uu]niversit[aà]|[Cc]amera|[Cc]onferenza|[Rr]egione|[Pp]rovincia|[Cc]omune|[Ss]ociet[aà]|[Uu]fficio|[Dd]irezione|[Cc]entrale|[Aa]gency)(?![\p{L}\d])(?:\s+(?:(?:per|di|del|della|dello|dei|delle|degli|for|of|the|e|and|la|il|lo|le|gli)\s+)?\p{L}[\p{L}'’-]*){0,4}`;

const PATTERNS: Partial<Record<AnswerType, RegExp>> = {
  number: new RegExp(String.raw`(?<![\p{L}\d])(?:${FIGURE}${SCALE}${CURRENCY}|(?:${NUMBER_WORDS})(?![\p{L}]))`, 'giu'),
  money: new RegExp(String.raw`(?:€\s*${FIGURE}${SCALE}|(?<![\p{L}\d])${FIGURE}${SCALE}\s*(?:di\s+)?(?:euro|€|eur)\b|(?<![\p{L}\d])${FIGURE}\s*(?:milioni|miliardi|mln|mld)\b|\bplafond\b)`, 'giu'),
  // "1° aprile 2021", "31 March 2026", "marzo 2024", "21/07/2023", "fine del 2025", "2026".
  date: new RegExp(String.raw`\b(?:\d{1,2}[°º]?\s+(?:${MONTHS})(?:\s+(?:19|20)\d{2})?|(?:${MONTHS})\s+(?:19|20)\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|(?:${YEAR_PART}\s+)?(?:19|20)\d{2})\b`, 'giu'),
  share: /(?<![\p{L}\d])\d[\d.,]*\s*(?:%|per\s?cento|percent|per cent)|\b(?:un terzo|un quarto|la metà|metà|two thirds|a third|a quarter|half)(?![\p{L}\d])/giu,
  duration: new RegExp(String.raw`(?<![\p{L}\d])(?:\d[\d.,]*|${NUMBER_WORDS}|un|una|uno|a|an|one|two|three|four|five|six|ten|twelve)\s+(?:${TIME_UNITS})\b`, 'giu'),
  organisation: new RegExp(`${BODY}|${NAME}`, 'gu'),
  frequency: /\b(?:annual\w*|annu[oaie]|mensil\w*|settimanal\w*|trimestral\w*|semestral\w*|quotidian\w*|ogni (?:anno|mese|settimana|giorno|\w+ mesi)|cadenza \w+|periodic\w*|yearly|monthly|weekly)\b/giu,
  // No `i` flag: with it, \p{Lu} would match lower case too.
  person: /(?:\p{Lu}\p{Ll}+|\p{Lu}\.)(?:\s+(?:\p{Lu}\p{Ll}+|[dD][ie]\s\p{Lu}\p{Ll}+)){1,3}|\b(?:[Pp]residente|[Ss]indaco|[Vv]icesindaco|[Dd]irett(?:ore|rice)|[Aa]ssessore|[Ss]egretario|[Cc]oordinat(?:ore|rice)|[Rr]esponsabile|[Mm]inistr[oa])\b|\b\p{Lu}{2,}[\p{Lu}\d]*\b/gu,
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
  // A day or a year inside a date is no count ("18 luglio 2021" answers no "how many").
  const dates = typeMatches(text, 'date').filter((d) => /\D/.test(d.text));
  return found.filter((m) => !dates.some((d) => m.index >= d.index && m.index < d.index + d.text.length));
}

const figures = (text: string) => text.match(/\d+(?:[.,]\d+)*/g) ?? [];

/**
 * Matches that only repeat what the question already says ("50 milioni" in "nell'avviso da 50
 * milioni, quanti servizi...?", "AgID" in "chi dirige AgID?"): the asked-for thing is something else.
 */
export function newMatches(text: string, type: AnswerType, question: string): TypeMatch[] {
  // A cause is given by the same words that ask for it ("perché? ... perché"): no echo to drop.
  if (type === 'reason') return typeMatches(text, type);
  const asked = fold(question);
  const askedFigures = new Set(figures(question));
  const askedWords = new Set(words(asked));
  return typeMatches(text, type).filter((m) => {
    const fs = figures(m.text);
    if (!fs.length) return !asked.includes(fold(m.text));
    // "marzo 2024" answers "when in 2024...?": a date is an echo only with its words asked too.
    const echo = fs.every((f) => askedFigures.has(f)) && (type !== 'date' || words(fold(m.text)).every((w) => /\d/.test(w) || askedWords.has(w)));
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
