/**
 * The dictionary forms an inflected English word may come from, for looking it up in a vocabulary
 * that lists lemmas ("presented" -> "present", "kept" -> "keep", "formally" -> "formal"). English
 * inflection is regular but for a closed list of verbs: the regular endings are undone by rule,
 * the irregular verbs' past forms come from that list.
 */

/** Past tense and past participle of the common irregular English verbs, to the verb. */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  `arise arose arisen|be was were been|bear bore borne|become became|begin began begun|bind bound|break broke broken|bring brought|
  build built|buy bought|catch caught|choose chose chosen|come came|cut cut|deal dealt|do did done|draw drew drawn|drive drove driven|
  eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|find found|fly flew flown|forbid forbade forbidden|forecast forecast|
  foresee foresaw foreseen|forget forgot forgotten|freeze froze frozen|get got gotten|give gave given|go went gone|grow grew grown|
  hang hung|have had|hear heard|hide hid hidden|hit hit|hold held|keep kept|know knew known|lay laid|lead led|leave left|lend lent|
  let let|lose lost|make made|mean meant|meet met|overcome overcame|oversee oversaw overseen|overtake overtook overtaken|pay paid|
  put put|quit quit|read read|rebuild rebuilt|redo redid redone|rethink rethought|rewrite rewrote rewritten|ride rode ridden|
  ring rang rung|rise rose risen|run ran|say said|see saw seen|seek sought|sell sold|send sent|set set|shake shook shaken|
  shoot shot|show showed shown|shut shut|sing sang sung|sit sat|sleep slept|speak spoke spoken|spend spent|split split|spread spread|
  stand stood|steal stole stolen|stick stuck|strike struck|swear swore sworn|take took taken|teach taught|tear tore torn|tell told|
  think thought|throw threw thrown|undergo underwent undergone|understand understood|undertake undertook undertaken|
  uphold upheld|upset upset|wake woke woken|wear wore worn|win won|withdraw withdrew withdrawn|withhold withheld|write wrote written`
    .split('|')
    .flatMap((line) => {
      const [verb, ...forms] = line.trim().split(/\s+/);
      return forms.filter((f) => f !== verb).map((f) => [f, verb]);
    }),
);

const VOWEL = /[aeiou]/;

/** A word with a doubled final consonant undone ("planned" stem "plann" -> "plan"). */
function undouble(s: string): string | null {
  return /([bcdfgklmnprstvz])\1$/.test(s) ? s.slice(0, -1) : null;
}

/**
 * The forms a word may be an inflection of, most likely first, the word itself not included:
 * irregular pasts, then -ed, -ing, -ies/-es/-s, -ly undone ("applied" -> "apply", "making" ->
 * "make", "running" -> "run", "finally" -> "final"). Candidates, not answers: the caller keeps
 * those its vocabulary knows.
 */
export function englishLemmas(word: string): string[] {
  const w = word.toLowerCase();
  const out: string[] = [];
  const add = (s: string | null) => {
    if (s && s.length >= 2 && s !== w && VOWEL.test(s) && !out.includes(s)) out.push(s);
  };
  add(IRREGULAR[w] ?? null);
  const ied = /^(.{2,})ied$/.exec(w);
  if (ied) add(`${ied[1]}y`);
  else if (w.length >= 5 && w.endsWith('ed')) {
    // "exercised" -> "exercise", "signed" -> "sign", "planned" -> "plan".
    const base = w.slice(0, -2);
    add(`${base}e`);
    add(base);
    add(undouble(base));
  }
  const ing = /^(.{2,})ing$/.exec(w);
  if (ing && w.length >= 6) {
    add(ing[1]);
    add(`${ing[1]}e`);
    add(undouble(ing[1]));
  }
  const ies = /^(.{3,})ies$/.exec(w);
  const es = /^(.{3,}(?:ch|sh|ss|x|z|o))es$/.exec(w);
  const s = /^(.{3,}[^su])s$/.exec(w);
  if (ies) add(`${ies[1]}y`);
  else if (es) add(es[1]);
  if (s) add(s[1]);
  const ily = /^(.{3,})ily$/.exec(w);
  const ly = /^(.{3,})ly$/.exec(w);
  if (ily) add(`${ily[1]}y`);
  else if (ly && !w.endsWith('ply')) {
    add(ly[1]);
    add(`${ly[1]}le`);
  }
  return out;
}
