/** Acronyms a text expands ("Polo Strategico Nazionale (PSN)", "PDND (Piattaforma Digitale Nazionale Dati)"). */

export interface Expansion {
  acronym: string;
  expansion: string;
  /** The words as the text has them, acronym included: what gets quoted. */
  text: string;
}

/** Short words an acronym usually skips, in Italian and English. */
const SKIPPED = new Set('di del della dello dei degli delle dell d per e ed la il lo le gli i a al alla in su sul sulla con da of the and for to on in at by'.split(' '));
const WORD = /[\p{L}\d][\p{L}\d'’&-]*/gu;
const ACRONYM = String.raw`\p{Lu}[\p{Lu}\d&]{1,9}`;

/** Initials of the words that count (function words skipped; "d'Italia" counts by "Italia"). */
function initials(ws: string[]): string {
  return ws
    .map((w) => w.replace(/^\p{L}['’]/u, ''))
    .filter((w) => !SKIPPED.has(w.toLowerCase()))
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

/** Letters of an acronym, digits and signs dropped ("PA2026" -> "PA", "R&S" -> "RS"). */
const letters = (acronym: string) => acronym.replace(/[^\p{L}]/gu, '').toUpperCase();

/** The shortest run of words ending at `end` whose initials spell the acronym, or null. */
function runSpelling(ws: string[], acronym: string): string[] | null {
  const target = letters(acronym);
  if (target.length < 2) return null;
  for (let n = 1; n <= Math.min(ws.length, target.length + 6); n++) {
    const run = ws.slice(ws.length - n);
    if (SKIPPED.has(run[0].toLowerCase())) continue;
    if (initials(run) === target) return [run[0].replace(/^\p{L}['’]/u, ''), ...run.slice(1)];
  }
  return null;
}

/** Every acronym the text expands by the initials of the words before or inside its brackets. */
export function acronymExpansions(text: string): Expansion[] {
  const out: Expansion[] = [];
  // "Polo Strategico Nazionale (PSN)", and inside brackets after a comma: "(c.d. Perimetro di Sicurezza Nazionale Cibernetica, PSNC)".
  for (const m of text.matchAll(new RegExp(String.raw`(?:\(\s*|,\s*)(${ACRONYM})\s*\)`, 'gu'))) {
    const before = [...text.slice(Math.max(0, m.index - 160), m.index).matchAll(WORD)].map((w) => w[0]);
    const run = runSpelling(before, m[1]);
    if (run) out.push({ acronym: m[1], expansion: run.join(' '), text: `${run.join(' ')} (${m[1]})` });
  }
  for (const m of text.matchAll(new RegExp(String.raw`(?<![\p{L}\d])(${ACRONYM})\s*\(([^()]{3,160})\)`, 'gu'))) {
    const inside = [...m[2].matchAll(WORD)].map((w) => w[0]);
    const n = inside.findIndex((_, i) => initials(inside.slice(0, i + 1)) === letters(m[1]));
    if (n >= 0) out.push({ acronym: m[1], expansion: inside.slice(0, n + 1).join(' '), text: `${m[1]} (${inside.slice(0, n + 1).join(' ')})` });
  }
  return out;
}
