/**
 * Italian forms an English word of Latin or Greek origin may have ("administration" ->
 * "amministrazione", "promoter" -> "promotore", "strategy" -> "strategia"), by the regular
 * correspondences of the two spellings: word endings (-tion -> -zione, -ity -> -ità, -ment ->
 * -mento, -ive -> -ivo, ...), letter groups (ph -> f, th -> t, ct -> tt, dm -> mm, x -> ss, y -> i, no initial h)
 * and single or double consonants. Most candidates are not Italian words: the caller keeps only
 * those a programme's documents use (see retrieval/corpus-cognates.ts), which is what makes a
 * guess a translation.
 */

/** Endings: an English ending, and the Italian endings (with their inflections) it becomes. */
const ENDINGS: [RegExp, string[]][] = [
  [/tion$/, ['zione', 'zioni']],
  [/sion$/, ['sione', 'sioni']],
  [/ity$/, ['ità']],
  [/ment$/, ['mento', 'menti']],
  [/ance$/, ['anza', 'anze']],
  [/ence$/, ['enza', 'enze']],
  [/ancy$/, ['anza', 'anzia']],
  [/ency$/, ['enza', 'enzia']],
  [/ant$/, ['ante', 'anti']],
  [/ent$/, ['ente', 'enti', 'entare']],
  [/ive$/, ['ivo', 'iva', 'ivi', 'ive']],
  [/ous$/, ['oso', 'osa', 'osi', 'ose']],
  [/ical$/, ['ico', 'ica', 'ici', 'iche']],
  [/ics$/, ['ica']],
  [/ic$/, ['ico', 'ica', 'ici', 'iche']],
  [/al$/, ['ale', 'ali']],
  [/ary$/, ['ario', 'aria', 'ari', 'arie']],
  [/ory$/, ['orio', 'oria', 'ori', 'orie']],
  [/ist$/, ['ista', 'isti']],
  [/ism$/, ['ismo']],
  [/i[sz]e$/, ['izzare', 'izzato', 'izzata', 'izzati', 'izzazione']],
  [/i[sz]ation$/, ['izzazione', 'izzazioni']],
  [/ate$/, ['are', 'ato', 'ata', 'ati', 'ate']],
  [/ure$/, ['ura', 'ure']],
  [/ble$/, ['bile', 'bili']],
  [/or$/, ['ore', 'ori']],
  [/er$/, ['ore', 'ori']],
  [/cy$/, ['zia']],
  [/gy$/, ['gia']],
  [/phy$/, ['fia']],
  [/y$/, ['ia']],
  [/ude$/, ['udine']],
  [/sis$/, ['si']],
  [/age$/, ['aggio', 'aggi']],
  [/em$/, ['ema', 'emi']],
  [/am$/, ['amma', 'ammi']],
  // Any other word: an Italian ending added; only for longer words, where a chance match is rare.
  [/e$/, ['o', 'a', 'i', 'e', 'are']],
  [/(?<=[^aeiouy])$/, ['o', 'a', 'i', 'e', 'are']],
];
/** The endings of the last two rules: they say nothing of the word's origin. */
const GENERIC_ENDINGS = 2;
/** Shortest English word given an Italian form by its ending alone ("present" -> "presente", not "right" -> "righe"). */
const MIN_GENERIC = 7;

/** Letter groups English spells differently, each tried both ways (ph -> f: "telephone" -> "telefono"). */
const LETTERS: [RegExp, string][] = [
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/ch/g, 'c'],
  [/ct/g, 'tt'],
  [/pt/g, 'tt'],
  [/dm/g, 'mm'],
  [/bj/g, 'gg'],
  [/bs/g, 'ss'],
  [/ns/g, 's'],
  [/j/g, 'g'],
  [/k/g, 'c'],
  [/y/g, 'i'],
  [/ex/g, 'es'],
  [/x/g, 'ss'],
  // Italian writes no initial h but in a few words ("hospital" -> "ospedale", "hydrogen" -> "idrogeno").
  [/^h/g, ''],
];

/** At most this many candidates a word: the look-up asks for all of them at once. */
const MAX_FORMS = 400;

/** Every way of writing a word with some of its letter groups in their Italian spelling. */
function respellings(word: string): string[] {
  let forms = [word];
  for (const [re, it] of LETTERS) {
    const next = new Set(forms);
    for (const f of forms) next.add(f.replace(re, it));
    forms = [...next];
  }
  return forms;
}

/** The word with one consonant between vowels doubled or one double consonant made single ("comunità", "commissione"). */
function consonantVariants(word: string): string[] {
  const out = new Set([word]);
  for (let i = 1; i < word.length - 1; i++) {
    const c = word[i];
    if (/[aeiouàèéìòù]/.test(c)) continue;
    if (word[i + 1] === c) out.add(word.slice(0, i) + word.slice(i + 1));
    else if (/[aeiou]/.test(word[i - 1]) && /[aeiouàèéìòù]/.test(word[i + 1]) && /[bcdfglmnprstvz]/.test(c)) out.add(word.slice(0, i) + c + word.slice(i));
  }
  return [...out];
}

/**
 * Italian forms an English word may have, by spelling correspondences alone: candidates, most of
 * them not words. Empty for words under 6 letters, where such guesses meet Italian words by chance.
 */
export function cognateCandidates(englishWord: string): string[] {
  const w = englishWord.toLowerCase();
  if (w.length < 6 || !/^[a-z]+$/.test(w)) return [];
  const out = new Set<string>();
  const rules = w.length >= MIN_GENERIC ? ENDINGS : ENDINGS.slice(0, -GENERIC_ENDINGS);
  for (const [ending, italian] of rules) {
    const m = ending.exec(w);
    if (!m) continue;
    const base = w.slice(0, m.index);
    if (base.length < 3) continue;
    for (const b of respellings(base)) for (const v of consonantVariants(b)) for (const e of italian) out.add(v + e);
  }
  return [...out].slice(0, MAX_FORMS);
}
