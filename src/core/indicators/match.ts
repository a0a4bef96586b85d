import type { Programme } from '../../programme/model.ts';
import { stems } from '../embedding/analyze.ts';
import { fold } from '../language.ts';
import { findProjectsInText } from '../updates/projects.ts';
import { wholeWords } from '../updates/text.ts';
import type { Indicator } from './catalogue.ts';

/**
 * Words that make a question or message about indicators rather than about a project's status:
 * "target", "obiettivo", "indicatore", "how far", "quanto manca". Generic monitoring vocabulary,
 * not any one programme's.
 */
const INDICATOR_CUE =
  /(?<![\p{L}])(targets?|obiettiv[oi]|traguard[oi]|indicator[ei]?|indicators|kpis?|how\s+far|quanto\s+(?:manca|mancano|siamo\s+lontani)|lontan[ie]\s+dall?'?|gap|baseline|valore\s+attuale|current\s+value)(?![\p{L}])/u;

export function hasIndicatorCue(text: string): boolean {
  return INDICATOR_CUE.test(fold(text));
}

/** The terms an indicator is known by: its id, names in both languages and aliases. */
function ownTerms(i: Indicator): string[] {
  return [i.id, i.name.it, i.name.en, ...i.aliases].filter((t) => t.trim().length > 0);
}

export interface IndicatorMatch {
  indicator: Indicator;
  /** 'own': its name/alias is written out; 'project': its project is named; 'words': distinctive words of its name. */
  how: 'own' | 'project' | 'words';
}

/**
 * The indicators a text is about, best first: an indicator named by its own name or alias wins;
 * then the indicators of a project the text names ("l'indicatore delle CER"); then the indicator
 * whose distinctive name words the text uses ("broadband" in "Municipalities reached by
 * broadband"). Ties are all returned (a project with two indicators).
 */
export function findIndicatorsInText(programme: Programme | null, indicators: Indicator[], text: string): IndicatorMatch[] {
  const folded = fold(text);
  const own: { i: Indicator; len: number }[] = [];
  for (const i of indicators) {
    let best = 0;
    for (const term of ownTerms(i)) {
      const m = wholeWords(term).exec(folded);
      if (m) best = Math.max(best, m[0].length);
    }
    if (best) own.push({ i, len: best });
  }
  if (own.length) {
    const top = Math.max(...own.map((o) => o.len));
    return own.filter((o) => o.len === top).map((o) => ({ indicator: o.i, how: 'own' }));
  }
  if (programme) {
    const projects = new Set(findProjectsInText(programme, text).map((m) => m.project.id));
    const ofProjects = indicators.filter((i) => i.projectId && projects.has(i.projectId));
    if (ofProjects.length) return ofProjects.map((indicator) => ({ indicator, how: 'project' }));
  }
  // Distinctive words: a stem counts when it belongs to one indicator's names alone.
  const cue = new Set(stems(folded.match(INDICATOR_CUE)?.[0] ?? ''));
  const owners = new Map<string, Set<string>>();
  for (const i of indicators) for (const st of stems(ownTerms(i).join(' '))) (owners.get(st) ?? owners.set(st, new Set()).get(st)!).add(i.id);
  const hits = new Map<string, number>();
  for (const st of new Set(stems(text))) {
    if (cue.has(st) || st.length < 3) continue;
    const o = owners.get(st);
    if (o && o.size === 1) {
      const id = [...o][0];
      hits.set(id, (hits.get(id) ?? 0) + 1);
    }
  }
  if (!hits.size) return [];
  const top = Math.max(...hits.values());
  return indicators.filter((i) => hits.get(i.id) === top).map((indicator) => ({ indicator, how: 'words' }));
}
