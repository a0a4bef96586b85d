import { endsWithAbbreviation } from '../abbreviations.ts';

/** A retrieved passage as the writers see it: numbered from 1 in the order given to them. */
export interface Passage {
  n: number;
  source: string;
  title: string;
  section: string;
  text: string;
  /** Retrieval rank (1 = best). */
  rank: number;
  /** A logged progress update is quoted as it is; document passages are mined for sentences. */
  kind?: 'document' | 'update';
}

/** A logged progress update (or another structured fact) offered to the writers as a passage. */
export function toPassages(results: Pick<Passage, 'source' | 'title' | 'section' | 'text' | 'rank'>[], offset = 0): Passage[] {
  return results.map((r, i) => ({ n: offset + i + 1, source: r.source, title: r.title, section: r.section, text: r.text, rank: r.rank }));
}

/**
 * What starts a list item at the start of a line: a bullet ("-", "•", "*", "–"), a number ("1.", "2)"),
 * a letter ("a)", "b)") or a small roman numeral ("i.", "ii)"), then a space.
 */
export const ITEM_MARKER = String.raw`(?:[-*•–]|\d{1,2}[.)]|[a-z]\)|(?:i{1,3}|iv|vi{0,3}|ix|x)[.)])`;

/** Repairs layout noise that survives cleaning: hyphenated line breaks, single line breaks, runs of spaces. */
export function normaliseText(text: string): string {
  return text
    .replace(/(\p{Ll})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n *\n+ */g, '\n\n')
    // A single line break inside a sentence is layout, not before a list item or a table cell.
    .replace(new RegExp(String.raw`([^\n.:;!?|])\n(?!\n|\s*${ITEM_MARKER} |\s*\|)`, 'gu'), '$1 ')
    .trim();
}

/** Sentences of a passage: split after . ! ? ; before a capital, a quote or a digit, and at paragraph and bullet breaks. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of normaliseText(text).split(/\n+|\s*•\s*/)) {
    const parts: string[] = [];
    for (const p of para.split(/(?<=[.!?…])["”»]?\s+(?=[\p{Lu}“"«(\d])/u)) {
      // "determinazione n. 628/2021", "(es. 0,01€)": the sentence goes on after an abbreviation.
      if (parts.length && endsWithAbbreviation(parts[parts.length - 1])) parts[parts.length - 1] += ` ${p}`;
      else parts.push(p);
    }
    for (const p of parts) {
      const s = p.trim();
      if (s.length >= 3) out.push(s);
    }
  }
  return out;
}
