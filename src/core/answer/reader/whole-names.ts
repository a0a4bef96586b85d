import { STOP_WORDS } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { QueryAnalysis } from '../../retrieval/query.ts';
import { englishFor } from '../../vocabulary/vocabulary.ts';

/** Words that join a name's head to the rest of it ("Fondo per l'innovazione", "Province of Cremona"). */
const CONNECTORS = new Set(['per', 'di', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'dell', 'for', 'of']);
const ARTICLES = new Set(['la', 'il', 'lo', 'le', 'gli', 'i', 'l', 'the']);
/** How many words may follow the connector: a name, not the rest of the sentence. */
const TAIL_WORDS = 3;

/** Folded text with apostrophes as spaces and one space between words: where a name is looked for whole. */
export function flat(text: string): string {
  return fold(text)
    .replace(/['’`´]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The names of a question kept whole: a capitalised common noun the question is about, with the words
 * that complete it after "per", "di", "of" ("Fondo" is "Fondo per l'innovazione tecnologica",
 * "Dipartimento" is "Dipartimento per la trasformazione digitale"). Read word by word: the tail
 * stops at a stop word, a figure or punctuation. Only names that gain a tail are given.
 */
export function wholeNames(q: QueryAnalysis): string[] {
  const tokens = q.question.replace(/['’`´]/g, "' ").split(/\s+/).filter(Boolean);
  const bare = (t: string) => fold(t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, '')).replace(/'$/, '');
  const ends = (t: string) => /[?,;:.!)]$/.test(t);
  const translated = new Set(q.translated);
  const out: string[] = [];
  // A head that is a common noun the vocabulary knows ("Fondo", "Dipartimento"), capitalised as names
  // of bodies are: not an acronym ("SWOT dell'asse") nor a surname ("Massari per il futuro").
  const isHead = (f: string) => {
    const last = f.split(/\s+/).at(-1) ?? '';
    return /^\p{Lu}\p{Ll}+$/u.test(last) && englishFor(last) !== null;
  };
  for (const name of q.focus.filter(isHead)) {
    const nameTokens = name.split(/\s+/).map(bare);
    for (let i = 0; i + nameTokens.length <= tokens.length; i++) {
      if (!nameTokens.every((n, j) => bare(tokens[i + j]) === n)) continue;
      let k = i + nameTokens.length;
      if (ends(tokens[k - 1]) || !CONNECTORS.has(bare(tokens[k] ?? ''))) continue;
      const tail: string[] = [bare(tokens[k])];
      k++;
      if (k < tokens.length && ARTICLES.has(bare(tokens[k])) && !ends(tokens[k - 1])) tail.push(bare(tokens[k++]));
      const words: string[] = [];
      while (k < tokens.length && words.length < TAIL_WORDS && !ends(tokens[k - 1])) {
        const w = bare(tokens[k]);
        // An English word the vocabulary knows ends an Italian name quoted in an English question ("Comune di Cremona rep").
        if (!/^\p{L}{2,}$/u.test(w) || STOP_WORDS.has(w) || (q.lang === 'en' && translated.has(w))) break;
        words.push(w);
        k++;
      }
      // "il Dipartimento per la misura 1.6": a phrase going on with a figure is a reference, not a name.
      if (words.length && !/^\d/.test(tokens[k] ?? '')) out.push([...nameTokens, ...tail, ...words].join(' '));
    }
  }
  return [...new Set(out)];
}
