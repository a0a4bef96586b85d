import type { Lang } from './types.ts';

/**
 * Language helpers shared by ingestion, retrieval, update parsing and the channels: one fold and
 * one Italian/English detector, so every part of Regia agrees on what language a text is in.
 */

/** Names, aliases and words are folded again for every question: the short ones are remembered. */
const FOLD_CACHED_CHARS = 200;
const FOLD_CACHE_SIZE = 20_000;
const folded = new Map<string, string>();

/** Lower case without diacritics, typographic apostrophes unified: "Comunità" -> "comunita". */
export function fold(text: string): string {
  // ASCII has no diacritics: lower case is all (most words, every time a question is analysed).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, control characters included
  if (!/[^\u0000-\u005f\u0061-\u007f]/.test(text)) return text.toLowerCase();
  const short = text.length <= FOLD_CACHED_CHARS;
  const known = short ? folded.get(text) : undefined;
  if (known !== undefined) return known;
  const out = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘`´]/g, "'");
  if (short) {
    if (folded.size >= FOLD_CACHE_SIZE) folded.clear();
    folded.set(text, out);
  }
  return out;
}

const ENGLISH_MARKERS = new Set(
  `the what whats who whom which is are was were be been does do did how when where why of and to in on for with about this
  that there their has have will would can could should as by from at an it its not no yes tell me any anything please
  status project projects plan phase managed leads lead led coordinates coordinator update updates week done blocked delayed
  next save cancel edit back thanks hello ask digest help`.split(/\s+/).filter(Boolean),
);
const ITALIAN_MARKERS = new Set(
  `il lo la i gli le di del della dei delle dello degli che chi cosa come quando dove perche qual quale quali sono e ed
  un una per con su sul sulla nel nella al alla dal tra anche piu questo questa questi ha ci si non ma ancora gia
  stato progetto progetti piano coordina quanti quante cos anno siamo abbiamo entro prossimo prossimi passo nessun nessuna
  punto settimana aggiorna aggiornamento fatto completato bloccato ritardo salva annulla modifica indietro grazie ciao
  chiedi riepilogo aiuto cantiere`.split(/\s+/).filter(Boolean),
);

/**
 * Italian or English, by counting common words (and English contractions such as "what's");
 * `fallback` (by default Italian, the programmes' language) when the text does not tell.
 */
export function detectLang(text: string, fallback: Lang = 'it'): Lang {
  let it = 0;
  let en = 0;
  for (const w of fold(text.slice(0, 20_000)).split(/[^\p{L}]+/u)) {
    if (ENGLISH_MARKERS.has(w)) en++;
    if (ITALIAN_MARKERS.has(w)) it++;
  }
  en += 2 * (text.match(/\b(what|who|how|where|it|that|there|here)['’]s\b/gi)?.length ?? 0);
  if (it === en) return fallback;
  return it > en ? 'it' : 'en';
}
