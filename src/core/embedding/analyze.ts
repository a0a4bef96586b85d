import snowball from 'snowball-stemmers';
import { fold } from '../language.ts';
import { MAX_TOKEN_CHARS } from '../text-bounds.ts';

/**
 * Text analysis shared by the offline embedder and query understanding: lower-casing, accent
 * folding, Italian elision ("dell'area" -> "area"), stop words, and stemming (Italian Snowball for
 * Italian, Porter2 for English).
 */

const itStemmer = snowball.newStemmer('italian');

const IT_STOP = `a ad al alla alle allo agli ai all anche ancora avere aveva avevano c che chi ci cio come con contro cosa cui
da dal dalla dalle dallo dagli dai dall dei del della delle dello degli dell di dove e ed era erano essere gli ha hanno
i il in infatti la le lo loro ma mi mio ne nei nel nella nelle nello negli nell noi non o od per perche piu po poi qual quale quali
quando quanto quella quelle quelli quello questa queste questi questo se sei si sia siamo siano sono sta stato stata stati state
su sua sue sui sul sulla sulle sullo sugli sull suo suoi tra fra tu tuo un una uno uno vi voi gia cosi ogni altro altri altra altre
molto sempre essa esso esse essi ci c e sara saranno stata viene vengono fare fa fatto nostro nostra nostri nostre loro
ce mi ti lei lui io noi sto stai sta stiamo qualche tutto tutti tutta tutte l d un s`;

const EN_STOP = `a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him his how
i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours s t d ll re ve m o y don doesn isn aren wasn
tell me please let us know`;

export const STOP_WORDS = new Set([...IT_STOP.split(/\s+/), ...EN_STOP.split(/\s+/)].filter(Boolean).map(fold));

/**
 * Words with Italian elision split off ("nell'ambito" -> "nell", "ambito"), accents kept for the
 * stemmer; a word longer than any real one is cut (see text-bounds.ts).
 */
export function words(text: string): string[] {
  // Apostrophes of every kind are separators like any other non-letter: no need to unify them.
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length > 0) out.push(w.length > MAX_TOKEN_CHARS ? w.slice(0, MAX_TOKEN_CHARS) : w);
  }
  return out;
}

const foldCache = new Map<string, string>();

/** `fold` of one word, remembered: ingestion folds the same few thousand words millions of times. */
export function foldWord(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = fold(word);
    if (foldCache.size > 200_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

/** Tokens that carry meaning: folded, no stop words, no single letters (numbers stay). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const f = foldWord(w);
    if (STOP_WORDS.has(f)) continue;
    if (f.length < 2 && !/\d/.test(f)) continue;
    out.push(w);
  }
  return out;
}

const stemCache = new Map<string, string>();

/**
 * One stem for a word in either language: the Italian stem of the folded word; English plurals and
 * common suffixes are lightened first so "communities" and "community" meet.
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let s: string;
  if (/\d/.test(word)) s = fold(word);
  else {
    // Italian words almost never end in -s, -ing or -ed: such words are English, lighten them first.
    let w = word.toLowerCase();
    if (/[a-z]{3,}ies$/.test(w)) w = `${w.slice(0, -3)}y`;
    else if (/[a-z]{3,}[^su']s$/.test(w)) w = w.slice(0, -1);
    else if (/[a-z]{4,}ing$/.test(w)) w = w.slice(0, -3);
    else if (/[a-z]{4,}ed$/.test(w)) w = w.slice(0, -2);
    // The Italian stemmer wants accents (it treats final "à" specially); fold after.
    s = fold(itStemmer.stem(w));
  }
  if (stemCache.size > 200_000) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

const contentStemCache = new Map<string, string | null>();

/** The stem of a word if it carries meaning (see contentWords), else null: one look-up a word. */
function contentStem(word: string): string | null {
  let s = contentStemCache.get(word);
  if (s === undefined) {
    const f = foldWord(word);
    s = STOP_WORDS.has(f) || (f.length < 2 && !/\d/.test(f)) ? null : stem(word);
    if (contentStemCache.size > 200_000) contentStemCache.clear();
    contentStemCache.set(word, s);
  }
  return s;
}

/** Content-word stems of a text, in order. */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const s = contentStem(w);
    if (s !== null) out.push(s);
  }
  return out;
}
