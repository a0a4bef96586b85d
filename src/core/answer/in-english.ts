import { numberWordValue } from '../number-words.ts';
import { monthNames } from '../time.ts';
import { unitInEnglish } from '../vocabulary/units.ts';
import { englishFor } from '../vocabulary/vocabulary.ts';

/**
 * The short answer to an English question, when the document is Italian: a figure, a date or a
 * count written the English way ("31 marzo 2026" -> "31 March 2026", "4,4 miliardi di euro" ->
 * "€4.4 billion", "sessanta incontri" -> "60 meetings", "3.500 addetti" -> "3,500 employees").
 * Names and anything it cannot render stay as the document writes them: the quote that follows
 * is always the document's own words.
 */
export function inEnglish(span: string): string {
  const s = englishMonths(span.trim());
  const n = String.raw`(\d[\d.,]*|[\p{L}-]+)`;
  const money = new RegExp(String.raw`^${n}\s*(milioni|miliardi|mila|mln|mld)?\s*(?:di\s+)?(?:euro|€|eur)$`, 'iu').exec(s);
  if (money && value(money[1]) !== null) return `€${english(money[1])}${scale(money[2])}`;
  const euroFirst = new RegExp(String.raw`^€\s*${n}\s*(milioni|miliardi|mila|mln|mld)?$`, 'iu').exec(s);
  if (euroFirst && value(euroFirst[1]) !== null) return `€${english(euroFirst[1])}${scale(euroFirst[2])}`;
  const share = new RegExp(String.raw`^${n}\s*(?:%|per\s?cento)$`, 'iu').exec(s);
  if (share && value(share[1]) !== null) return `${english(share[1])}%`;
  const fraction = FRACTIONS[s.toLowerCase().replace(/^la\s+/, '')];
  if (fraction) return fraction;
  const iso = /^((?:19|20)\d{2})-(\d{2})-(\d{2})$/.exec(s);
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return `${Number(iso[3])} ${capitalised(monthNames('en')[Number(iso[2]) - 1])} ${iso[1]}`;
  const scaled = new RegExp(String.raw`^(\d[\d.,]*\s*|[\p{L}-]+\s+)(milioni|miliardi|mila)\b(.*)$`, 'iu').exec(s);
  // "14mila" is 14,000: thousands are written out in English, millions and billions are named.
  if (scaled && /^mila$/i.test(scaled[2]) && value(scaled[1].trim()) !== null) return `${FORMAT.format((value(scaled[1].trim()) as number) * 1000)}${scaled[3] ? inEnglish(scaled[3]).replace(/^(?=\S)/, ' ') : ''}`;
  if (scaled && value(scaled[1].trim()) !== null) return `${english(scaled[1].trim())}${scale(scaled[2])}${scaled[3] ? inEnglish(scaled[3]).replace(/^(?=\S)/, ' ') : ''}`;
  // A count in words alone ("quattromila") is a figure.
  if (/^\p{L}+$/u.test(s) && value(s) !== null && (value(s) as number) > 1) return english(s);
  const count = new RegExp(String.raw`^${n}\s+(\p{L}[\p{L}\s'’-]*)$`, 'iu').exec(s);
  const v = count ? value(count[1]) : null;
  if (count && v !== null) {
    // A participle is no count noun ("240 iscritti" is not "240 enrolleds"): the document's word stays.
    const unit = unitInEnglish(count[2]);
    if (unit) return `${english(count[1])} ${v === 1 ? unit.replace(/s$/, '') : unit}`;
    const found = englishFor(count[2]);
    const noun = found && !/ed$/.test(found) ? found : null;
    return `${english(count[1])} ${noun ? (v === 1 ? noun : plural(noun)) : count[2]}`;
  }
  return s;
}

/** Parts of a year said the English way ("fine del 2025" -> "end of 2025"). */
const YEAR_PARTS: [RegExp, string][] = [
  [/^fine\s+(?:del(?:l['’]anno)?\s+)?(?=\d)/iu, 'end of '],
  [/^inizio\s+(?:del(?:l['’]anno)?\s+)?(?=\d)/iu, 'early '],
  [/^met[aà]\s+(?:del(?:l['’]anno)?\s+)?(?=\d)/iu, 'mid-'],
];

/** Italian month names replaced by English ones, capitalised; a day's ordinal sign dropped ("1° aprile" -> "1 April"). */
function englishMonths(s: string): string {
  const en = monthNames('en');
  let out = s.replace(/^(\d{1,2})[°º](?=\s)/u, '$1');
  for (const [re, english] of YEAR_PARTS) out = out.replace(re, english);
  monthNames('it').forEach((m, i) => {
    out = out.replace(new RegExp(`\\b${m}\\b`, 'gi'), capitalised(en[i]));
  });
  return out;
}

const FRACTIONS: Record<string, string> = { 'un terzo': 'a third', 'un quarto': 'a quarter', 'due terzi': 'two thirds', metà: 'half', 'tre quarti': 'three quarters' };

function scale(word: string | undefined): string {
  return ({ milioni: ' million', mln: ' million', miliardi: ' billion', mld: ' billion', mila: ' thousand' } as Record<string, string>)[(word ?? '').toLowerCase()] ?? '';
}

/**
 * An Italian figure's value: "3.500" and "1.200.000" group thousands with dots, "4,4" has a
 * decimal comma; a count in words ("sessanta") is read as a number.
 */
function value(figure: string): number | null {
  if (/^\d/.test(figure)) {
    const grouped = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(figure);
    const plain = grouped ? figure.replace(/\./g, '') : figure;
    const n = Number(plain.replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return numberWordValue(figure);
}

const FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** A figure in English digits; a bare year-like figure stays as written ("2026", not "2,026"). */
function english(figure: string): string {
  const n = value(figure) as number;
  return /^\d{4}$/.test(figure) && n < 2100 ? figure : FORMAT.format(n);
}

/** English plurals that do not add -s, and the spelling rules of those that do. */
const IRREGULAR: Record<string, string> = { person: 'people', child: 'children', man: 'men', woman: 'women', staff: 'staff', data: 'data', people: 'people' };

function plural(noun: string): string {
  const words = noun.split(' ');
  const last = words.pop() as string;
  const p = IRREGULAR[last] ?? (/[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(last) ? `${last}es` : `${last}s`);
  return [...words, p].join(' ');
}

function capitalised(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}
