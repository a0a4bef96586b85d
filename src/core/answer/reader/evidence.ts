import { words } from '../../embedding/analyze.ts';
import { fold } from '../../language.ts';
import type { Concept, QueryAnalysis } from '../../retrieval/query.ts';
import type { Passage } from '../passages.ts';
import type { Candidate } from './candidates.ts';
import { stemSet } from './features.ts';

/**
 * Evidence for the decision to answer or abstain, in this order (see QUESTION_FEATURES): whether
 * the best candidate says what the question asks *of* the things it names, beside it or anywhere
 * in the passages. An unanswerable question is usually about something the documents know (the
 * Chamber of Commerce, the data hub) and asks for what they do not say of it (its president, its
 * cost): the names are everywhere in the passages, the asked-for attribute nowhere near them.
 */
export const EVIDENCE = ['attributeNear', 'attributeAny', 'attributeAbsent'] as const;


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
  const names = new Set([...projectWords, ...q.focus.filter(isName).flatMap((n) => words(fold(n)))]);
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
 * Per candidate, the EVIDENCE values: the share of the question's attribute concepts in the
 * candidate, its lead-in or heading, its passage's title and section, or the candidates beside
 * it; the share found anywhere in the passages (the same for every candidate); and whether the
 * question asks something of its names and not one word of it is near the candidate (a share of
 * 0 is much stronger evidence than a low one: 2 of 141 answerable development questions, 7 of 23
 * unanswerable ones).
 */
export function evidenceOf(q: QueryAnalysis, candidates: Candidate[], passages: Passage[]): number[][] {
  const attributes = attributeConcepts(q);
  const anywhere = share(attributes, passages.map((p) => stemSet(`${p.title} ${p.section} ${p.text}`)));
  return candidates.map((c) => {
    const near = share(attributes, [stemSet(c.text), stemSet(`${c.lead} ${c.passage.title} ${c.passage.section}`), ...c.around.map(stemSet)]);
    return [near, anywhere, attributes.length && near === 0 ? 1 : 0];
  });
}
