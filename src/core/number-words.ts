import { fold } from './language.ts';

/**
 * Counts written out in words, Italian ("sessanta", "ventitré", "duemilacinquecento") and English
 * ("twelve", "twenty-one"), read as numbers: documents and messages write small counts in words.
 */

const IT_UNITS = ['', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'];
const IT_TENS = ['', '', 'venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];
const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Italian 1-99: a ten drops its last vowel before "uno" and "otto" (ventuno, trentotto). */
function italianBelow100(n: number): string {
  if (n < 20) return IT_UNITS[n];
  const ten = IT_TENS[Math.floor(n / 10)];
  const unit = IT_UNITS[n % 10];
  return unit.startsWith('u') || unit.startsWith('o') ? ten.slice(0, -1) + unit : ten + unit;
}

/** Italian 1-999 ("cento", "duecentotré"; "centootto" and "centotto" both occur). */
function italianBelow1000(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (!hundreds) return [italianBelow100(rest)];
  const head = hundreds === 1 ? 'cento' : `${IT_UNITS[hundreds]}cento`;
  const tail = rest ? italianBelow100(rest) : '';
  return tail.startsWith('o') ? [head + tail, head.slice(0, -1) + tail] : [head + tail];
}

let italian: Map<string, number> | undefined;
let english: Map<string, number> | undefined;

function italianWords(): Map<string, number> {
  if (!italian) {
    italian = new Map([
      ['un', 1],
      ['una', 1],
    ]);
    for (let n = 1; n < 1000; n++) for (const w of italianBelow1000(n)) italian.set(w, n);
    // "tré" folds to "tre"; compounds end in "-tré" in writing and in "-tre" once folded.
  }
  return italian;
}

function englishWords(): Map<string, number> {
  if (!english) {
    english = new Map([
      ['a', 1],
      ['an', 1],
      ['hundred', 100],
      ['thousand', 1000],
    ]);
    for (let n = 1; n < 100; n++) {
      const w = n < 20 ? EN_UNITS[n] : EN_TENS[Math.floor(n / 10)] + (n % 10 ? `-${EN_UNITS[n % 10]}` : '');
      english.set(w, n);
      if (w.includes('-')) english.set(w.replace('-', ' '), n);
    }
  }
  return english;
}

/**
 * The value of a count written in words, or null: Italian up to 999,999 ("mille", "tremila",
 * "duemilacinquecento"), English up to ninety-nine.
 */
export function numberWordValue(word: string): number | null {
  const w = fold(word.trim()).replace(/\s+/g, ' ');
  if (!w) return null;
  const en = englishWords().get(w);
  if (en !== undefined) return en;
  const it = italianWords();
  const below = (s: string): number | null => (s === '' ? 0 : (it.get(s) ?? null));
  if (w.startsWith('mille')) {
    const rest = below(w.slice('mille'.length));
    return rest === null ? null : 1000 + rest;
  }
  const mila = w.indexOf('mila');
  if (mila > 0) {
    const thousands = it.get(w.slice(0, mila));
    const rest = below(w.slice(mila + 'mila'.length));
    return thousands === undefined || thousands < 2 || rest === null ? null : thousands * 1000 + rest;
  }
  return it.get(w) ?? null;
}
