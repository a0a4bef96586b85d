import type { Intent, Lang } from '../types.ts';
import type { Cantiere, Programme, Project } from '../../programme/model.ts';
import { activeProjects } from '../../programme/model.ts';
import { contentWords, stem, stems, STOP_WORDS, words } from '../embedding/analyze.ts';
import { detectLang, fold } from '../language.ts';
import { measureAsked } from '../vocabulary/units.ts';
import { isCommonWord, translations as vocabularyTranslations, vocabularyFor } from '../vocabulary/vocabulary.ts';

/** A meaningful word of a question and the ways a text can say it. */
export interface Concept {
  term: string;
  /** Every stem that counts as finding it: its own, its translations' and synonyms' (any one). */
  stems: string[];
  /**
   * The same ways as whole phrases: its own stem, and each translation's stems, all of which a
   * text must hold ("CEO" is "amministratore delegato", not any "amministrazione").
   */
  phrases: string[][];
  weight: number;
}

/** What kind of thing the question asks for: drives sentence choice and abstention. */
export type AnswerType = 'number' | 'money' | 'share' | 'duration' | 'date' | 'frequency' | 'person' | 'organisation' | 'place' | 'definition' | 'list' | 'reason' | 'other';

export interface QueryAnalysis {
  question: string;
  lang: Lang;
  intent: Intent;
  answerType: AnswerType;
  /** Projects named in the question (by name or alias). */
  projects: Project[];
  /** Cantieri named in the question ("cantiere 8", or by name). */
  cantieri: string[];
  /** The programme the question was read against: what else a passage can be about (none without one). */
  programme: Programme | null;
  /** Words added by alias expansion and the bilingual lexicon. */
  expansions: string[];
  /** Question words that carry meaning (original forms, stop words removed). */
  terms: string[];
  /** Folded question words the vocabulary translated (their translations are among the expansions). */
  translated: string[];
  /**
   * The question's meaningful words, each with the stems that count as finding it in a text
   * (its own stem, and the stems of its translations / synonyms).
   */
  concepts: Concept[];
  /** Names the answer must be about: matched aliases and capitalised names in the question. */
  focus: string[];
  /** Question + expansions: what gets embedded. */
  searchText: string;
}

/** Words of a question that say how it asks, not what about. */
const QUESTION_WORDS = new Set(
  `what whats which who whom when where why how many much tell know name called does did do is are was were has have
  cosa cos qual quale quali chi quando dove perche come quanti quante quanto quanta sai dimmi mi puoi vorrei sapere
  ci c e sono stato stata stand stands mean means meaning significa significato vuol dire acronym acronimo sigla`.split(/\s+/).filter(Boolean),
);

export function detectIntent(question: string): Intent {
  const q = fold(question).trim();
  if (/^(help|aiuto|\?|cosa sai fare|che cosa sai fare|what can you do|how do i use)\b/.test(q)) return 'help';
  if (/^(ciao|hi|hello|hey|salve|buongiorno|buonasera|grazie|thanks|thank you|ok|okay)[\s!.,]*$/.test(q)) return 'smalltalk';
  if (
    /\b(status|progress|update on|news on|how is .+ (going|doing)|where are we|a che punto|punto della situazione|avanzamento|novita|aggiornamenti?( su| sul| sulla)?|come (va|procede|sta andando|stanno andando))\b/.test(q) ||
    /\b(lo|qual e lo|il) stato (di|del|della|dei|delle|dello|degli|dell)\b/.test(q) ||
    /^stato (di|del|della|dello|dell)\b/.test(q)
  ) {
    return 'status';
  }
  if (/\b(chi|who|whom|whose)\b/.test(q)) return 'who';
  if (/\b(quando|when|since when|da quando|what year|which year|in che anno|in quale anno|storia|history|timeline|cronologia|how did .+ (start|begin)|come e nat[oa])\b/.test(q)) {
    return 'history';
  }
  return 'fact';
}

/**
 * How each kind of thing is asked for, in Italian and English, tried in order: the first match
 * wins. Whole word forms, never prefixes ("cost" must not catch "costituita"). A person or body is
 * asked before money ("chi finanzia...?" asks for a name), a deadline before a count.
 */
/** How a kind is asked: a pattern of the folded question (a RegExp, or a look-up with the same shape). */
interface Asking {
  exec(q: string): { index: number; 0: string } | null;
}

/** A measure asked by its unit or its dimension ("how big", "quanti ettari", "how many tonnes"): a figure with that unit (data/units.json). */
const MEASURE: Asking = {
  exec(q) {
    const m = measureAsked(q);
    return m ? { index: m.start, 0: q.slice(m.start, m.end) } : null;
  },
};

const ASKS: [AnswerType, Asking][] = [
  // What an acronym or a word means, whatever else the question says ("cosa significa DNSH quando si sceglie...?").
  ['definition', /\b(significa|significano|vuol dire|vogliono dire|sta per|stanno per|stand for|stands for|acronym|acronimo|sigla)\b/],
  // A number of named things asked for by what they are ("which three tools...?", "quali due azioni...?") is a list.
  ['list', /\b(what|which|quali|quale) (two|three|four|five|six|seven|eight|nine|ten|due|tre|quattro|cinque|sei|sette|otto|nove|dieci)\b/],
  ['frequency', /\b(ogni quanto|how often|con che frequenza|con quale frequenza|cadenza|periodicita|frequency)\b/],
  ['duration', /\b(how long|for how long|per quanto tempo|quanto tempo|quanto dura|quanto durano|durata|duration|how many (days|weeks|months|years|hours)|quanti (giorni|mesi|anni)|quante (settimane|ore))\b/],
  ['number', MEASURE],
  ['share', /\b(che fetta|quale fetta|what share|which share|what slice|what percentage|what proportion|che percentuale|quale percentuale|in percentuale|percentuale|percentage|che quota|quale quota|what fraction)\b/],
  ['date', /\b(entro quando|fino a quando|by when|until when|deadline|scadenza|ultimo giorno|last day|end date|data di fine|termine ultimo|entro che data|entro quale data|what date|che data|in che data|in quale data)\b/],
  ['organisation', /\b(quale ente|quali enti|quale organismo|quale soggetto|quali soggetti|quale agenzia|quale amministrazione|quale societa|which body|which bodies|which organi[sz]ations?|which agency|which entity|which administration|which company|what body|what organi[sz]ation|what agency)\b/],
  ['person', /\b(chi|who|whom|whose)\b/],
  ['money', /\b(quanto costa|quanto costano|quanto costera|quanto e costato|costa|costano|costo|costi|cost|costs|costing|budget|soldi|money|fondi|funds|funding|funded|finanziamento|finanziamenti|stanziamento|stanziamenti|stanziati|importo|importi|ammonta|ammontano|ammontare|plafond|prezzo|prezzi|price|base d.?asta|quanto vale|quanto valgono|worth|investimento di|dotazione)\b/],
  ['number', /\b(quanti|quante|quanto|quanta|how many|how much|numero di|number of)\b/],
  ['date', /\b(quando|when|since when|da quando|what year|which year|in che anno|in quale anno)\b/],
  ['place', /\b(dove|where|indirizzo|address|located|si trova|ha sede|in (che|quale) (localita|citta|comune|paese|luogo|sede|provincia|regione)|(in )?(which|what) (town|city|village|municipality|place|location|province|region))\b/],
  ['reason', /\b(perche|per quale motivo|per quale ragione|come mai|a (cosa|che) (serve|servono|servira|serviranno)|a che scopo|con quale scopo|scopo|finalita|why|what for|for what purpose|purpose)\b/],
  // "What is ANSC?", "cos'è il PSN?", "what's the Cow parade about?": one thing named, what it is asked.
  ['definition', /\b(significa|vuol dire|stand for|stands for|acronym|sigla|what does .+ mean|cosa e|cos e|che cos e|what is an?|definizione|definition)\b|^(what is|what'?s|what are|cos'? ?e|cosa e|che cos'? ?e|cosa sono|che cosa sono) (the |il |la |lo |l'|i |gli |le )?[\p{L}\d-]+\s*\??$|^(what is|what'?s) .+ about\s*\??$/u],
  ['list', /\b(quali sono|which are|what are|elenca|list|quali|include|includes|comprende|comprendono|consists? of|si compone|si articola|divided into|split into|suddivis[oa] in)\b/],
];

export function detectAnswerType(question: string): AnswerType {
  return askedPhrase(question)?.type ?? 'other';
}

/** The words that say what kind of thing is asked ("quanti", "how much does ... cost"), in the folded question. */
export function askedPhrase(question: string): { type: AnswerType; start: number; end: number } | undefined {
  const q = fold(question);
  for (const [type, re] of ASKS) {
    const m = re.exec(q);
    if (m) return { type, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** British and American spellings meet ("organisation"/"organization"). */
function spelling(s: string): string {
  return s.replace(/isation/g, 'ization').replace(/yse\b/g, 'yze');
}

/**
 * An alias matches as a whole word; a short acronym that is also a common word ("its", "SEND" of
 * the notifications platform) must be upper case, or every question that sends something names it.
 */
function aliasMatches(alias: string, question: string, foldedQuestion: string): boolean {
  const a = spelling(fold(alias).trim());
  foldedQuestion = spelling(foldedQuestion);
  if (!a) return false;
  const escaped = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u');
  if (!re.test(foldedQuestion)) return false;
  const isAcronym = /^[A-Z0-9]{2,6}$/.test(alias.trim());
  if (isAcronym && (STOP_WORDS.has(a) || isCommonWord(a))) {
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped.toUpperCase()}($|[^\\p{L}\\p{N}])`, 'u').test(question);
  }
  return true;
}

/**
 * Proper names in the question: runs of capitalised words not at the start, and acronyms ("PAs",
 * an English plural, is the acronym "PA"). English capitalises words that are not names
 * (nationalities, months, days: "Italian PAs", "the EU cloud milestone in April"): in an English
 * question a capitalised word the vocabulary translates (`common`, folded) is a word, not a name.
 */
function capitalisedNames(question: string, common: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const tokens = question.replace(/[’`´]/g, "'").split(/\s+/);
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push(run.join(' '));
    run = [];
  };
  tokens.forEach((raw, i) => {
    const t = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/'s$/, '').replace(/^(\p{Lu}{2,})s$/u, '$1');
    const f = fold(t);
    const cap = /^\p{Lu}/u.test(t) && !(i === 0) && !STOP_WORDS.has(f) && !QUESTION_WORDS.has(f) && !(common.has(f) && !/^\p{Lu}{2,}/u.test(t));
    const acronym = /^\p{Lu}{2,}[\p{Lu}\d]*$/u.test(t) && !STOP_WORDS.has(f);
    if (cap || acronym) run.push(t);
    else flush();
    if (/[?,;:.!]$/.test(raw)) flush();
  });
  flush();
  return out;
}

const STATUS_WORDS = new Set('status stato punto situazione avanzamento progress update updates aggiornamento aggiornamenti news novita going doing procede va andando'.split(' '));

/** The action a who-question asks about ("chi ha APERTO la riunione") is what the answer must say. */
const PREDICATE_WEIGHT = 2;
const AUXILIARIES = new Set('ha hanno ha e sono era erano fu sta stanno has have had is are was were did does do will would can could si'.split(' '));

/** Position of the first meaningful word after "chi"/"who" (and auxiliaries), or -1. */
function predicateIndex(ws: string[]): number {
  const start = ws.findIndex((w) => w === 'chi' || w === 'who' || w === 'whom');
  if (start < 0) return -1;
  for (let i = start + 1; i < ws.length && i <= start + 3; i++) {
    if (AUXILIARIES.has(ws[i])) continue;
    return STOP_WORDS.has(ws[i]) ? -1 : i;
  }
  return -1;
}

/** The active cantieri a text names, by number ("cantiere 8", "working group 8") or by name. */
export function cantieriNamedIn(programme: Programme, text: string): { cantiere: Cantiere; byNumber: boolean }[] {
  const folded = fold(text);
  const out: { cantiere: Cantiere; byNumber: boolean }[] = [];
  for (const c of programme.cantieri) {
    if (c.archived) continue;
    const num = fold(c.number).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const byNumber = new RegExp(`\\b(cantiere|cantieri|working group|workstream|group|tavolo)\\s*(n\\.?\\s*|nr\\.?\\s*|number\\s*|no\\.?\\s*)?${num}\\b`).test(folded);
    if (byNumber || aliasMatches(c.name, text, folded)) out.push({ cantiere: c, byNumber });
  }
  return out;
}

/** The interrogatives of each language: the words that frame a question. */
const INTERROGATIVES: Record<Lang, Set<string>> = {
  en: new Set('what whats which who whom whose how when where why'.split(' ')),
  it: new Set('cosa cos chi come quando dove perche qual quale quali quanto quanta quanti quante'.split(' ')),
};

/**
 * The language of a question, by its common words; where the two languages' words tie, the
 * language of its first interrogative, which frames it ("Which bodies promoted the Patto per lo
 * sviluppo?" asks in English about an Italian name).
 */
export function questionLang(question: string): Lang {
  const frame = words(fold(question)).find((w) => INTERROGATIVES.en.has(w) || INTERROGATIVES.it.has(w));
  return detectLang(question, frame && INTERROGATIVES.en.has(frame) ? 'en' : 'it');
}

/**
 * The words of an English question the vocabulary did not translate and that name no project (nor
 * are a number): the ones worth guessing an Italian form for. A capitalised name is guessed too:
 * English names Italian places and bodies in its own spelling ("Lombardy" for "Lombardia").
 */
export function wordsToGuess(q: QueryAnalysis): string[] {
  if (q.lang !== 'en') return [];
  const translated = new Set(q.translated);
  const names = new Set(q.projects.flatMap((p) => [p.name, ...p.aliases]).flatMap((n) => words(fold(n))));
  return q.concepts.map((c) => c.term).filter((t) => !translated.has(t) && !names.has(t) && /^[a-z]+$/.test(t));
}

/**
 * The words of an Italian question the vocabulary did not translate and that name no project (nor
 * are a number): the ones a thesaurus may know other words for.
 */
export function wordsToParaphrase(q: QueryAnalysis): string[] {
  if (q.lang !== 'it') return [];
  const translated = new Set(q.translated);
  const names = new Set(q.projects.flatMap((p) => [p.name, ...p.aliases]).flatMap((n) => words(fold(n))));
  return q.concepts.map((c) => c.term).filter((t) => !translated.has(t) && !names.has(t) && /^\p{L}{3,}$/u.test(t));
}

/**
 * Reads a question: language, intent, expected answer, named projects, and expansion words.
 * `cognates` renders words the vocabulary does not know by words the documents use (folded word
 * -> forms, see corpus-cognates.ts: an English word's Italian cognates, an Italian word's
 * synonyms); they count as the word's translations.
 */
export function analyzeQuery(question: string, programme: Programme | null, cognates?: ReadonlyMap<string, string[]>): QueryAnalysis {
  const lang = questionLang(question);
  const folded = fold(question);
  const projects: Project[] = [];
  const cantieri = new Set<string>();
  const expansions: string[] = [];
  const focus: string[] = [];

  if (programme) {
    for (const p of activeProjects(programme)) {
      const names = [p.name, ...p.aliases];
      const hit = names.find((n) => aliasMatches(n, question, folded));
      if (hit) {
        projects.push(p);
        focus.push(hit);
        for (const n of names) if (fold(n) !== fold(hit)) expansions.push(n);
      }
    }
    for (const { cantiere: c, byNumber } of cantieriNamedIn(programme, question)) {
      cantieri.add(c.id);
      expansions.push(byNumber ? c.name : `cantiere ${c.number}`);
    }
  }

  const ws = words(folded);
  const translations = vocabularyTranslations(ws, lang, vocabularyFor(programme?.glossary));
  // Guessed renderings stay out of `translated`: the English word itself is still searched as written.
  const guessed = translations.map((t, i) => (t.length || !cognates ? [] : (cognates.get(ws[i]) ?? [])));
  for (const t of translations) expansions.push(...t);
  for (const t of guessed) expansions.push(...t);
  const concepts: Concept[] = [];
  const predicate = predicateIndex(ws);
  const intent = detectIntent(question);
  ws.forEach((w, i) => {
    if (STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || (w.length < 2 && !/\d/.test(w))) return;
    // In "a che punto è la ZLS?" only the project is content; the rest says it is a status question.
    if (intent === 'status' && STATUS_WORDS.has(w)) return;
    const renderings = [...translations[i], ...guessed[i]];
    const alt = new Set([stem(w), ...renderings.flatMap((t) => stems(t))]);
    if (concepts.some((c) => c.term === w)) return;
    const phrases = [[stem(w)], ...renderings.map((t) => stems(t))].filter((p) => p.length && p.every(Boolean));
    concepts.push({ term: w, stems: [...alt].filter(Boolean), phrases, weight: i === predicate ? PREDICATE_WEIGHT : 1 });
  });
  // A word of a named project ("PLF") is found in a text by any of the project's names.
  for (const p of projects) {
    const names = [p.name, ...p.aliases];
    const nameWords = new Set(names.flatMap((n) => words(fold(n))));
    const nameStems = [...new Set(names.flatMap((n) => stems(n)))];
    for (const c of concepts) if (nameWords.has(c.term)) c.stems = [...new Set([...c.stems, ...nameStems])];
  }

  const common = new Set(lang === 'en' ? ws.filter((_, i) => translations[i].length > 0) : []);
  for (const name of capitalisedNames(question, common)) {
    if (!focus.some((f) => fold(f).includes(fold(name)) || fold(name).includes(fold(f)))) focus.push(name);
  }

  const terms = contentWords(question).filter((w) => !QUESTION_WORDS.has(fold(w)));
  const uniqueExpansions = [...new Set(expansions.map((e) => e.trim()).filter(Boolean))];
  return {
    question,
    lang,
    intent,
    answerType: detectAnswerType(question),
    projects,
    cantieri: [...cantieri],
    programme,
    expansions: uniqueExpansions,
    terms,
    translated: ws.filter((_, i) => translations[i].length > 0),
    concepts,
    focus,
    searchText: [question, ...uniqueExpansions].join(' '),
  };
}
