import { stems, words } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import { activeProjects, type Programme } from '../../../programme/model.ts';
import { cantieriNamedIn, type Concept, type QueryAnalysis } from '../../retrieval/query.ts';
import { findProjectsInText } from '../../updates/projects.ts';
import type { Passage } from '../passages.ts';
import { nameIn, newMatches, shaped, typeMatches } from './answer-types.ts';
import type { Candidate } from './candidates.ts';
import { countedAbsent, countedKin, countedMatch, countedStems } from './counted.ts';
import { stemSet } from './features.ts';
import { askedRate, attributeByValue, figureAbsent, otherIdentifier, questionFigures, rateMissing } from './measure.ts';
import { askedRole, roleUnnamed } from './role-holder.ts';
import { flat, wholeNames } from './whole-names.ts';

/**
 * Evidence for the decision to answer or abstain, weighed by the fitted answer model (see
 * QUESTION_FEATURES), in this order: whether the best candidate says what the question asks *of*
 * the things it names, beside it or anywhere in the passages. An unanswerable question is usually
 * about something the documents know (the Chamber of Commerce, the data hub) and asks for what
 * they do not say of it (its president, its cost): the names are everywhere in the passages, the
 * asked-for attribute nowhere near them. Whether a person or body is asked and the candidate
 * has only acronyms to give ("SWOT", "PNRR"; some bodies are acronyms, so it only weighs). Then
 * whether the candidate's value is of the asked measure (see measure.ts): how much of the asked
 * attribute stands beside a value of the asked kind; whether a count is asked of a thing the
 * candidate never names; whether a figure of the question (a year, a measure's number) is not in
 * the candidate's passage. A near-answer holds a value beside the question's names, of another
 * measure, year or thing.
 */
export const EVIDENCE = ['attributeNear', 'attributeAny', 'attributeAbsent', 'acronymOnly', 'attributeByValue', 'countedAbsent', 'figureAbsent'] as const;

/**
 * Evidence that the passages do not hold the answer at all, near-certain when present, so it
 * decides alone (no weight to fit: each is too rare in development data for a weight fitted on
 * one programme to carry to another): not one of the things the question asks of its names in
 * any passage ("quanti dipendenti ha il Transformation Office?" over passages that never speak
 * of staff); the kind of thing asked, where it has a shape (a figure, an amount, a date, a share,
 * a duration), not in the best candidate ("how many tonnes...?" answered by a sentence without a
 * figure); a name of the question that no passage holds ("Cremona" over another programme's
 * documents; "Fondo per l'innovazione tecnologica" over passages on another fund); a best
 * candidate about another cantiere of the programme
 * than the one asked about ("who leads the energy cantiere?" is not answered by "cantiere 8 is
 * led by..."); a count asked and only dates to give ("how many centres closed?": "18 luglio 2022");
 * an amount asked per period and none given for it ("quanto costa al mese?" over a total); a year
 * or a measure's code of the question that the passage does not give, giving another in its place
 * ("quanti volontari nel 2023?" over a passage on 2022; "misura 1.4.1" over one on 1.2); a count
 * asked of a thing and every figure of the best candidate counting something else ("how many
 * municipalities?": "per i Comuni fino a 5.000 abitanti"); the holder of a role asked and the best
 * candidate speaking of the role without naming anyone (see role-holder.ts).
 */
export const CONTRADICTIONS = ['attributesNowhere', 'nameMissing', 'otherSubject', 'dateForCount', 'kindMissing', 'rateMissing', 'otherIdentifier', 'countedOther', 'roleUnnamed'] as const;

/** Whether a candidate's evidence (EVIDENCE then CONTRADICTIONS, as evidenceOf gives it) says the answer is not there. */
export function contradicted(evidence: readonly number[]): boolean {
  return evidence.slice(EVIDENCE.length).some((v) => v > 0);
}

/** The part of a candidate's evidence the answer model weighs (EVIDENCE). */
export function weighedEvidence(evidence: readonly number[]): number[] {
  return evidence.slice(0, EVIDENCE.length);
}

/**
 * The question's concepts that are not words of the names it is about: the named projects' names
 * and the focus names, except a capitalised word the vocabulary translates, which is a role or a
 * thing, not a name ("CEO", "Region").
 */
export function attributeConcepts(q: QueryAnalysis): Concept[] {
  const projectNames = q.projects.flatMap((p) => [p.name, ...p.aliases]);
  const projectWords = new Set(projectNames.flatMap((n) => words(fold(n))));
  const translated = new Set(q.translated);
  const isName = (focus: string) => {
    const ws = words(fold(focus));
    return !(ws.length === 1 && translated.has(ws[0]) && !projectWords.has(ws[0]));
  };
  // A name's words kept whole ("Dipartimento per la trasformazione digitale") are the name, not what is asked of it.
  const whole = wholeNames(q).flatMap((n) => words(n));
  const names = new Set([...projectWords, ...q.focus.filter(isName).flatMap((n) => words(fold(n))), ...whole]);
  return q.concepts.filter((c) => !names.has(c.term));
}

/**
 * Share of the concepts found in the texts (their stem sets): a concept is found when one of its
 * phrases (its own word, or a translation read whole) has every stem in one of the texts.
 */
function share(concepts: Concept[], sets: ReadonlySet<string>[]): number {
  if (!concepts.length) return 1;
  const found = (c: Concept) => c.phrases.some((phrase) => sets.some((set) => phrase.every((s) => set.has(s))));
  return concepts.filter(found).length / concepts.length;
}

/**
 * The concepts a text in the documents' language could show: for an English question, a word the
 * vocabulary does not translate and no passage holds says nothing of the answer's absence (the
 * documents would say it in Italian), so it is left out; any other concept stays.
 */
function readable(q: QueryAnalysis, concepts: Concept[], passageSets: ReadonlySet<string>[]): Concept[] {
  if (q.lang !== 'en') return concepts;
  const translated = new Set(q.translated);
  return concepts.filter((c) => translated.has(c.term) || share([c], passageSets) > 0);
}

/** An all-capitals word: an acronym ("PNRR", "SWOT"). */
const ACRONYM = /^\p{Lu}[\p{Lu}\d]+$/u;

/**
 * The names of the question that no passage holds: focus names that are not a word the
 * vocabulary translates (a role or a thing) and not a project found by another of its names. An
 * acronym of an English question is left out: it may be the English one of an Italian acronym
 * ("EU" for "UE"), not a name the documents lack.
 */
function missingNames(q: QueryAnalysis, passages: Passage[]): string[] {
  const translated = new Set(q.translated);
  const passageWords = passages.map((p) => {
    const text = `${p.title} ${p.section} ${p.text}`;
    return new Set([...(fold(text).match(/[\p{L}\p{N}]+/gu) ?? []), ...stemSet(text)]);
  });
  // A word of a name is also held by its Italian form, where the documents confirm one ("Lombardy": "Lombardia").
  const renderings = new Map(q.concepts.map((c) => [c.term, c.phrases]));
  const held = (name: string) => passageWords.some((ws) => nameIn(name, ws) || words(fold(name)).every((w) => w.length < 2 || nameIn(w, ws) || (renderings.get(w) ?? []).some((phrase) => phrase.every((s) => ws.has(s)))));
  // A cantiere named in the question is held by a passage that names it by name or by number.
  const cantieri = q.programme?.cantieri.filter((c) => q.cantieri.includes(c.id)) ?? [];
  const cantiereHeld = (id: string) => passages.some((p) => cantieriNamedIn(q.programme!, `${p.title}\n${p.section}\n${p.text}`).some((m) => m.cantiere.id === id));
  return q.focus.filter((name) => {
    const ws = words(fold(name));
    if (ws.length === 1 && translated.has(ws[0])) return false;
    if (q.lang === 'en' && ACRONYM.test(name)) return false;
    const cantiere = cantieri.find((c) => fold(c.name).includes(fold(name)));
    if (cantiere && cantiereHeld(cantiere.id)) return false;
    const project = q.projects.find((p) => [p.name, ...p.aliases].some((a) => fold(a) === fold(name)));
    return project ? ![project.name, ...project.aliases].some(held) : !held(name);
  });
}

/**
 * The names of the question kept whole ("Fondo per l'innovazione tecnologica") that no passage
 * holds word for word: the passages speak of another fund ("Fondo complementare"), whose figures
 * do not answer.
 */
function missingWholeNames(q: QueryAnalysis, passages: Passage[]): string[] {
  const names = wholeNames(q);
  if (!names.length) return [];
  const texts = passages.map((p) => ` ${flat(`${p.title} ${p.section} ${p.text}`)} `);
  return names.filter((n) => !texts.some((t) => t.includes(` ${n} `)));
}

/** What a text is about among the programme's cantieri: those it names, and those of the projects it names. */
function cantieriOf(programme: Programme, text: string, frame: ReadonlySet<string>): Set<string> {
  const out = new Set(cantieriNamedIn(programme, text).map((m) => m.cantiere.id));
  for (const m of findProjectsInText(programme, text)) if (!frame.has(m.project.id)) out.add(m.project.cantiereId);
  return out;
}

/**
 * Whether a candidate is about another part of the programme than the one the question names:
 * the question names a cantiere or a project, the candidate (or, when it names none, its heading
 * and section) names cantieri or projects, and none of them is the asked one's cantiere. "Who
 * leads the energy cantiere?" is not answered by "cantiere 8 is led by...". A project named like
 * the programme itself ("PA digitale 2026" in "PA digitale 2026 - PNRR M1C1") frames every
 * document: naming it says nothing of the subject.
 */
function otherSubject(q: QueryAnalysis, c: Candidate, frame: ReadonlySet<string>): boolean {
  const programme = q.programme;
  if (!programme) return false;
  const asked = askedCantieri(q, programme, frame);
  if (!asked.size) return false;
  let about = cantieriOf(programme, c.text, frame);
  if (!about.size) about = cantieriOf(programme, `${c.lead}\n${c.passage.section}`, frame);
  return about.size > 0 && ![...about].some((id) => asked.has(id));
}

/** A cantiere asked about by what it does, not by its number or name ("the energy cantiere", "il tavolo del digitale"). */
const CANTIERE_WORD = /\b(?:cantiere|cantieri|working group|workstream|tavolo)\b/;

/**
 * The cantieri a question asks about: those it names, those of the projects it names, or else,
 * when it speaks of a cantiere, the one cantiere whose name shares a word with the question's
 * concepts read through the vocabulary ("energy" meets "Azioni Energetiche"; none on a tie).
 */
function askedCantieri(q: QueryAnalysis, programme: Programme, frame: ReadonlySet<string>): Set<string> {
  const asked = new Set([...q.cantieri, ...q.projects.filter((p) => !frame.has(p.id)).map((p) => p.cantiereId)]);
  if (asked.size || !CANTIERE_WORD.test(fold(q.question))) return asked;
  const conceptStems = new Set(q.concepts.flatMap((c) => c.stems));
  const meant = programme.cantieri.filter((c) => !c.archived && stems(c.name).some((st) => conceptStems.has(st)));
  return new Set(meant.length === 1 ? [meant[0].id] : []);
}

/** The projects named in the programme's own name: its frame, not one of its subjects. */
function frameOf(programme: Programme | null): Set<string> {
  if (!programme) return new Set();
  const named = new Set(findProjectsInText(programme, programme.name).map((m) => m.project.id));
  return new Set(activeProjects(programme).filter((p) => named.has(p.id)).map((p) => p.id));
}

/** Whether a person or body is asked and the candidate names none but by acronyms. */
function acronymOnly(q: QueryAnalysis, c: Candidate): boolean {
  if (q.answerType !== 'person' && q.answerType !== 'organisation') return false;
  const matches = newMatches(c.text, q.answerType, q.question);
  return matches.length > 0 && matches.every((m) => ACRONYM.test(m.text));
}

/** Whether a count is asked and the candidate has dates to give (a day, a year) and no other figure. */
function dateForCount(q: QueryAnalysis, c: Candidate): boolean {
  if (q.answerType !== 'number') return false;
  const dates = typeMatches(c.text, 'date');
  const inDate = (m: { index: number }) => dates.some((d) => m.index >= d.index && m.index < d.index + d.text.length);
  return dates.length > 0 && newMatches(c.text, q.answerType, q.question).every(inDate);
}

/** Whether a kind of thing with a sure shape is asked and the candidate shows none the question does not already say. */
function kindMissing(q: QueryAnalysis, c: Candidate): boolean {
  return shaped(q.answerType, 'sure') && newMatches(c.text, q.answerType, q.question).length === 0;
}

/** A function of a passage, computed once per passage (candidates share their passages). */
function memoByPassage<T>(fn: (p: Passage) => T): (p: Passage) => T {
  const known = new Map<Passage, T>();
  return (p) => {
    if (!known.has(p)) known.set(p, fn(p));
    return known.get(p)!;
  };
}

/**
 * Per candidate, the EVIDENCE values then the CONTRADICTIONS: the share of the question's
 * attribute concepts in the candidate, its lead-in or heading, its passage's title and section,
 * or the candidates beside it; the share found anywhere in the passages (the same for every
 * candidate); whether the question asks something of its names and not one word of it is near
 * the candidate (a share of 0 is much stronger evidence than a low one: 2 of 141 answerable
 * development questions, 7 of 23 unanswerable ones); whether only acronyms answer a "who"; then
 * whether no passage holds any of the attribute concepts, whether a name of the question is in
 * no passage, alone or kept whole with the words that complete it (both the same for every
 * candidate), whether the candidate is about another cantiere than the one asked, whether a count
 * gets only dates, whether the candidate lacks the shaped kind of thing asked, and whether an
 * amount per period gets none for that period, and whether the question's year or measure code is
 * not in the candidate's passage while another one is, and whether every figure of the candidate
 * counts another thing than the one asked, and whether it speaks of the role whose holder is asked
 * without naming anyone.
 */
export function evidenceOf(q: QueryAnalysis, candidates: Candidate[], passages: Passage[]): number[][] {
  const passageSets = passages.map((p) => stemSet(`${p.title} ${p.section} ${p.text}`));
  const attributes = readable(q, attributeConcepts(q), passageSets);
  const anywhere = share(attributes, passageSets);
  const nameMissing = missingNames(q, passages).length || missingWholeNames(q, passages).length ? 1 : 0;
  const frame = frameOf(q.programme);
  const bit = (b: boolean) => (b ? 1 : 0);
  const figures = questionFigures(q.question);
  const rate = askedRate(q);
  const figureMissing = memoByPassage((p) => figureAbsent(figures, `${p.title}\n${p.section}\n${p.text}`));
  const counted = countedStems(q);
  const kin = countedKin(q);
  const role = askedRole(q);
  const otherYearOrCode = memoByPassage((p) => otherIdentifier(q.question, `${p.title}\n${p.section}\n${p.text}`));
  return candidates.map((c) => {
    const near = share(attributes, [stemSet(c.text), stemSet(`${c.lead} ${c.passage.title} ${c.passage.section}`), ...c.around.map(stemSet)]);
    return [
      near,
      anywhere,
      bit(attributes.length > 0 && near === 0),
      bit(acronymOnly(q, c)),
      attributeByValue(q, attributes, c.text),
      bit(countedAbsent(counted, `${c.lead}\n${c.text}`)),
      bit(figureMissing(c.passage)),
      bit(anywhere === 0),
      nameMissing,
      bit(otherSubject(q, c, frame)),
      bit(dateForCount(q, c)),
      bit(kindMissing(q, c)),
      bit(rateMissing(rate, c.text)),
      bit(otherYearOrCode(c.passage)),
      bit(countedMatch(c.text, newMatches(c.text, q.answerType, q.question), counted, kin) === -1),
      bit(roleUnnamed(role, c.text, q)),
    ];
  });
}
