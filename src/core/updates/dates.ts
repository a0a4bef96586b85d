import { fold } from '../language.ts';
import { numberWordValue } from '../number-words.ts';
import { lastDayOfMonth as lastDay, localDate, monthNames } from '../time.ts';

/** Dates as people write them in Italian and English, turned into YYYY-MM-DD. */

/** Month names and abbreviations of both languages (from Intl), plus the other ways they are cut. */
const MONTHS: Record<string, number> = Object.fromEntries([
  ...(['it', 'en'] as const).flatMap((lang) => [...monthNames(lang), ...monthNames(lang, 'short')].map((name, i) => [fold(name), (i % 12) + 1] as const)),
  ['sett', 9],
  ['sep', 9],
]);
const ANY_MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
/**
 * Month names that may stand without a day: full names only, since abbreviations are words too
 * ("mar", "set"); English "may" only with a year after it ("we may slip" is no date).
 */
const FULL_MONTH = Object.keys(MONTHS)
  .filter((m) => m.length > 3 && m !== 'sett')
  .sort((a, b) => b.length - a.length)
  .concat(['may(?=\\s+(?:of\\s+)?\\d{4})'])
  .join('|');

export type DatePrecision = 'day' | 'month' | 'year';

export interface DateMention {
  date: string;
  precision: DatePrecision;
  /** Offsets in the folded text. */
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}



function fullYear(y: string | undefined, fallback: number): number {
  if (!y) return fallback;
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/**
 * A year for a day/month given without one: the nearest occurrence ("il 3 novembre" written on
 * 22 November is the one just past; "entro il 28 febbraio" the coming one).
 */
function inferYear(m: number, d: number, today: string): number {
  const y = Number(today.slice(0, 4));
  const t = Date.parse(`${today}T00:00:00Z`);
  const dist = (year: number) => Math.abs(Date.UTC(year, m - 1, Math.min(d, lastDay(year, m))) - t);
  return [y - 1, y, y + 1].reduce((best, c) => (dist(c) < dist(best) ? c : best), y);
}

/** Every date mention in a text, earliest first, without overlaps (longer forms win). */
export function findDateMentions(text: string, now: Date = new Date(), timeZone?: string): DateMention[] {
  const t = fold(text);
  const today = localDate(now, timeZone);
  const found: DateMention[] = [];
  const add = (m: RegExpExecArray, date: string | null, precision: DatePrecision, offset = 0) => {
    if (!date) return;
    const start = m.index + offset;
    const end = m.index + m[0].length;
    if (found.some((f) => start < f.end && end > f.start)) return;
    found.push({ date, precision, start, end });
  };
  const scan = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    for (const m of t.matchAll(re)) fn(m as RegExpExecArray);
  };
  // 2027-03-31
  scan(/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, (m) => {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    add(m, valid(y, mo, d) ? iso(y, mo, d) : null, 'day');
  });
  // 31/03/2027, 31.03.27, 31-03-2027 (day first, as in Italy; month first only when day-first is impossible)
  scan(/(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/])/g, (m) => {
    const y = fullYear(m[3], 0);
    let [d, mo] = [Number(m[1]), Number(m[2])];
    if (!valid(y, mo, d) && valid(y, d, mo)) [d, mo] = [mo, d];
    add(m, valid(y, mo, d) ? iso(y, mo, d) : null, 'day');
  });
  // 31 marzo 2027, 31st March 2027, 1° aprile
  scan(new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|°|º)?\\s+(?:di\\s+|of\\s+)?(${ANY_MONTH})\\.?(?:\\s*,?\\s*(\\d{4}))?(?![\\p{L}])`, 'gu'), (m) => {
    const [d, mo] = [Number(m[1]), MONTHS[m[2]]];
    const y = m[3] ? Number(m[3]) : inferYear(mo, d, today);
    add(m, valid(y, mo, d) ? iso(y, mo, d) : null, 'day');
  });
  // March 31, 2027 / March 31st
  scan(new RegExp(`(?<![\\p{L}])(${ANY_MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:\\s*,?\\s*(\\d{4}))?`, 'gu'), (m) => {
    const [d, mo] = [Number(m[2]), MONTHS[m[1]]];
    const y = m[3] ? Number(m[3]) : inferYear(mo, d, today);
    add(m, valid(y, mo, d) ? iso(y, mo, d) : null, 'day');
  });
  // fine giugno 2027, end of June 2027, giugno 2027, June 2027 (a month: its last day, or its first for "inizio")
  scan(new RegExp(`(?<![\\p{L}])(?:(fine|end\\s+of|inizio|beginning\\s+of|early|start\\s+of|meta|mid|late)\\s+(?:di\\s+|del\\s+mese\\s+di\\s+)?)?(${FULL_MONTH})(?:\\s+(?:del\\s+|of\\s+)?(\\d{4}))?(?![\\p{L}])`, 'gu'), (m) => {
    const mo = MONTHS[m[2]];
    const y = m[3] ? Number(m[3]) : inferYear(mo, lastDay(2001, mo), today);
    const edge = m[1] ?? '';
    const d = /^(inizio|beginning|early|start)/.test(edge) ? 1 : /^(meta|mid)/.test(edge) ? 15 : lastDay(y, mo);
    add(m, iso(y, mo, d), 'month');
  });
  // primo trimestre 2027, Q1 2027, first half of 2027, secondo semestre (the period's last day)
  scan(/(?<![\p{L}\p{N}])(?:(primo|secondo|terzo|quarto|first|second|third|fourth|1st|2nd|3rd|4th)\s+(trimestre|quarter|semestre|half)|(q[1-4])|(h[12]))(?:\s+(?:del\s+|of\s+)?(20\d{2}))?(?![\p{L}\p{N}])/gu, (m) => {
    const ord: Record<string, number> = { primo: 1, first: 1, '1st': 1, secondo: 2, second: 2, '2nd': 2, terzo: 3, third: 3, '3rd': 3, quarto: 4, fourth: 4, '4th': 4 };
    let endMonth: number;
    if (m[3]) endMonth = Number(m[3][1]) * 3;
    else if (m[4]) endMonth = Number(m[4][1]) * 6;
    else {
      const n = ord[m[1]];
      const half = m[2] === 'semestre' || m[2] === 'half';
      if (half && n > 2) return;
      endMonth = half ? n * 6 : n * 3;
    }
    const y = m[5] ? Number(m[5]) : Number(today.slice(0, 4));
    add(m, iso(y, endMonth, lastDay(y, endMonth)), 'month');
  });
  // entro due settimane, within 3 weeks, tra un mese, in 10 days (from today)
  scan(/(?<![\p{L}])(?:entro|within|tra|fra|in)\s+(\d{1,3}|un[oa]?|a|one|due|two|tre|three|quattro|four|cinque|five|sei|six|dieci|ten)\s+(giorn[oi]|days?|settiman[ae]|weeks?|mes[ei]|months?)(?![\p{L}])/gu, (m) => {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : numberWordValue(m[1]);
    // "hasn't replied in two weeks", "non risponde da due settimane": a time that has passed, not a date ahead.
    if (!n || (/^in\s/.test(m[0]) && /(?:n't|\bnot|\bnon|\bnever|\bmai)\b[^.;,]*$/.test(t.slice(Math.max(0, m.index - 40), m.index)))) return;
    const d = new Date(`${today}T00:00:00Z`);
    if (/^(giorn|day)/.test(m[2])) d.setUTCDate(d.getUTCDate() + n);
    else if (/^(settiman|week)/.test(m[2])) d.setUTCDate(d.getUTCDate() + 7 * n);
    else d.setUTCMonth(d.getUTCMonth() + n);
    add(m, d.toISOString().slice(0, 10), 'day');
  });
  // fine 2027, end of 2027, 2027 (a year: its last day; only a deadline when a deadline word precedes it)
  scan(/(?<![\p{L}\p{N}/.-])(?:(?:fine|end\s+of)\s+(?:the\s+)?(?:(?:dell')?anno\s+|year\s+)?)?(20\d{2})(?![\p{N}/-])/gu, (m) => {
    add(m, iso(Number(m[1]), 12, 31), 'year');
  });
  // fine anno / end of the year
  scan(/(?<![\p{L}])(fine\s+(?:dell'|dell\s)?anno|end\s+of\s+(?:the\s+)?year|year[\s-]end)(?![\p{L}])/gu, (m) => {
    add(m, iso(Number(today.slice(0, 4)), 12, 31), 'year');
  });
  // oggi / domani / today / tomorrow
  // "da oggi", "as of today": when something starts, not when it is due.
  scan(/(?<![\p{L}])(?<!(?:\bda|\bfrom|\bas\s+of|\bstarting)\s+)(oggi|today|domani|tomorrow)(?![\p{L}])/gu, (m) => {
    const base = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10))));
    if (m[1] === 'domani' || m[1] === 'tomorrow') base.setUTCDate(base.getUTCDate() + 1);
    add(m, base.toISOString().slice(0, 10), 'day');
  });
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A date typed on its own (form field, dialog answer, CLI flag): "2027-03-31", "31/03/2027",
 * "31 marzo 2027", "March 31, 2027", "fine giugno 2027". Null when the text is not (only) a date.
 */
export function parseDateText(text: string, now: Date = new Date(), timeZone?: string): string | null {
  const t = fold(text).trim().replace(/^(entro\s+(il\s+|la\s+)?|by\s+|il\s+|on\s+)/, '');
  if (!t) return null;
  const [first] = findDateMentions(t, now, timeZone);
  if (!first) return null;
  const rest = (t.slice(0, first.start) + t.slice(first.end)).replace(/[\s.,;:!]/g, '');
  return rest === '' ? first.date : null;
}

/** Words that make a date a deadline: "entro", "by", "scadenza", "due", "deadline"... */
const DEADLINE_CUE =
  /(?:entro|by|due|deadline|scadenza|scade|termine|before|prima\s+d\S*|non\s+oltre|no\s+later\s+than|until|fino\s+a\S*|previst[oaie]|planned|scheduled|expected|target|milestone|opens|apre|aprira|parte|partira|starts?|consegna\s+prevista|da\s+consegnare|miss|mancare|mancheremo|sforare)(?:\s+(?:il|l'|lo|la|per|a|al|alla|on|for|in|the|di|del|della|entro|end\s+of|fine|of|is|e|will\s+be|sara|probably|probabilmente))*\s*$/u;

/** Words that make a date something that already happened: "consegnata il 18/11/2026", "since". */
const EVENT_CUE = /(?:consegnat\S*|firmat\S*|avvenut\S*|tenut\S*|svolt\S*|fatt[oaie]|inaugurat\S*|approvat\S*|since|dal|held|signed|delivered|completed)\s+(?:il\s+|l'|on\s+)?$/u;

/**
 * The deadline a message states, or null. The kind of rule: a date counts as a due date when a
 * deadline word introduces it ("entro il 31 marzo 2027", "by March 31, 2027", "scadenza 2027-02-01"),
 * or when it is a full future day in the message ("enrolment opens 2027-02-01"). A month or year
 * named without a deadline word ("at the Assise in October 2027", "la finestra di gennaio") is a
 * time reference, not a deadline; a day already past is an event, not a deadline.
 */
export function findDueDate(text: string, now: Date = new Date(), timeZone?: string): string | null {
  const t = fold(text);
  const today = localDate(now, timeZone);
  const mentions = findDateMentions(text, now, timeZone);
  let fallback: string | null = null;
  for (const m of mentions) {
    const before = t.slice(Math.max(0, m.start - 40), m.start);
    const cued = DEADLINE_CUE.test(before);
    if (cued) return m.date;
    if (m.precision === 'day' && m.date >= today && !EVENT_CUE.test(before) && !fallback) fallback = m.date;
  }
  return fallback;
}
