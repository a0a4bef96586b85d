/** Text helpers shared by the update parser, the form and the dialog. */

/** Lower case without accents, so "Comunità" matches "comunita" and "CITTÀ" matches "città". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex matching `phrase` as whole words (flexible whitespace), on folded text. */
export function wholeWords(phrase: string): RegExp {
  const body = fold(phrase).trim().split(/\s+/).map(escapeRegExp).join('[\\s\\-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

const IT_WORDS = new Set('il lo la i gli le di del della dei delle che e è per con non siamo sono un una al alla allo entro prossimo prossimi passo nessun nessuna cosa come stato punto chi quando dove questa questo settimana aggiorna aggiornamento ancora anche ma sul sulla abbiamo fatto completato bloccato ritardo salva annulla modifica indietro si sì grazie ciao'.split(' '));
const EN_WORDS = new Set('the of and to is are was were we at by next with for done on what who when where how this that week update status it in our has have been not no yes save cancel edit back thanks hello blocked delayed'.split(' '));

/** Italian or English, by common words; `fallback` when the text does not tell. */
export function detectLang(text: string, fallback: 'it' | 'en' = 'it'): 'it' | 'en' {
  let it = 0;
  let en = 0;
  for (const w of text.toLowerCase().match(/[\p{L}']+/gu) ?? []) {
    if (IT_WORDS.has(w)) it++;
    if (EN_WORDS.has(w)) en++;
  }
  if (it === en) return fallback;
  return it > en ? 'it' : 'en';
}
