import { activeProjects, type Cantiere, type Programme, type Project } from '../../programme/model.ts';
import { fold } from '../language.ts';
import { wholeWords } from './text.ts';
import { words } from '../embedding/analyze.ts';
import { translations, vocabularyFor } from '../vocabulary/vocabulary.ts';

export interface ProjectMatch {
  project: Project;
  /** Where in the text the name or alias was found (character offsets of the folded text). */
  start: number;
  end: number;
  /** The name or alias that matched. */
  term: string;
}

function allProjects(programme: Programme): Project[] {
  return programme.cantieri.flatMap((c) => c.projects);
}

/** The terms a project is known by: id, name and aliases. */
export function projectTerms(project: Project): string[] {
  return [project.id, project.name, ...project.aliases].filter((t) => t.trim().length > 0);
}

/** Every project named in a text, with its longest matching term, in order of appearance. */
export function findProjectsInText(programme: Programme, text: string, { includeArchived = false } = {}): ProjectMatch[] {
  const folded = fold(text);
  const candidates = includeArchived ? allProjects(programme) : activeProjects(programme);
  const out: ProjectMatch[] = [];
  for (const project of candidates) {
    let best: ProjectMatch | null = null;
    for (const term of projectTerms(project)) {
      const m = wholeWords(term).exec(folded);
      if (!m) continue;
      const len = m[0].length;
      if (!best || len > best.end - best.start || (len === best.end - best.start && m.index < best.start)) {
        best = { project, start: m.index, end: m.index + len, term };
      }
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
}

/**
 * The project a text is about: names and aliases as whole words, accent/case-insensitive.
 * The longest of overlapping matches wins ("Comunità Energetiche Rinnovabili" over "comunità
 * energetiche"); a project in the leading label ("Hub Dati: ...") wins over later mentions; otherwise
 * the first mention (the subject usually comes first).
 */
export function findProjectInText(programme: Programme, text: string, opts: { includeArchived?: boolean } = {}): ProjectMatch | null {
  const matches = findProjectsInText(programme, text, opts);
  if (!matches.length) return findProjectByTranslation(programme, text, opts) ?? findProjectByWords(programme, text, opts);
  const label = /^[^:.!?\n]{1,80}?(?::|\s[-–—]\s)/u.exec(text);
  const pool = label ? matches.filter((m) => m.end <= label[0].length) : [];
  const from = pool.length ? pool : matches;
  // The cluster of matches overlapping the first one; the longest of it wins.
  const first = from[0];
  let end = first.end;
  const cluster = [first];
  for (const m of from.slice(1)) {
    if (m.start < end) {
      cluster.push(m);
      end = Math.max(end, m.end);
    }
  }
  return cluster.reduce((best, m) => (m.end - m.start > best.end - best.start ? m : best));
}

/**
 * A project named in the other language ("renewable energy communities", "the startup
 * incubator"): the text's words read through the vocabulary, then matched as names and aliases.
 */
function findProjectByTranslation(programme: Programme, text: string, opts: { includeArchived?: boolean }): ProjectMatch | null {
  const ws = words(fold(text));
  const renderings = translations(ws, 'en', vocabularyFor(programme.glossary)).flat();
  if (!renderings.length) return null;
  const translated = renderings.join(' ; ');
  const found = findProjectsInText(programme, translated, opts);
  const byWords = found.length ? null : findProjectByWords(programme, `${text} ${translated}`, opts);
  const match = found.length === 1 ? found[0] : byWords;
  return match ? { ...match, start: 0, end: 0 } : null;
}

const STOP = new Set(
  'della delle dello degli nella nelle per con tra fra sulla sulle dalla dalle alla alle gli una uno del dei nel sul dal the and for with from into project progetto progetti nuova nuovo territoriale provinciale'.split(' '),
);

/** Content words of a text, cut to a short stem so "energetica" meets "energetiche". */
function stems(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 5 && !STOP.has(w)).map((w) => w.slice(0, 7));
}

/**
 * Fallback when no name or alias is written out: the project whose distinctive words the text
 * uses ("il Teatro", "Campus", "comunità energetica"). A word counts only when it belongs to one
 * project alone; no answer on a tie.
 */
export function findProjectByWords(programme: Programme, text: string, { includeArchived = false } = {}): ProjectMatch | null {
  const candidates = includeArchived ? allProjects(programme) : activeProjects(programme);
  const owners = new Map<string, Set<string>>();
  for (const p of candidates) for (const st of stems(projectTerms(p).join(' '))) (owners.get(st) ?? owners.set(st, new Set()).get(st)!).add(p.id);
  const hits = new Map<string, number>();
  for (const st of new Set(stems(text))) {
    const o = owners.get(st);
    if (o && o.size === 1) {
      const id = [...o][0];
      hits.set(id, (hits.get(id) ?? 0) + 1);
    }
  }
  const ranked = [...hits.entries()].sort((a, b) => b[1] - a[1]);
  if (!ranked.length || (ranked[1] && ranked[1][1] === ranked[0][1])) return null;
  const project = candidates.find((p) => p.id === ranked[0][0])!;
  return { project, start: 0, end: 0, term: '' };
}

/** A project named exactly (id, name or alias, accent/case-insensitive), archived ones included. */
export function resolveProjectRef(programme: Programme, ref: string): Project | null {
  const want = fold(ref).trim().replace(/\s+/g, ' ');
  if (!want) return null;
  const projects = allProjects(programme);
  const exact = projects.filter((p) => projectTerms(p).some((t) => fold(t).trim().replace(/\s+/g, ' ') === want));
  return exact.find((p) => !p.archived) ?? exact[0] ?? null;
}

export function cantiereOf(programme: Programme, projectId: string): Cantiere | null {
  return programme.cantieri.find((c) => c.projects.some((p) => p.id === projectId)) ?? null;
}

export function projectById(programme: Programme, projectId: string): Project | null {
  return allProjects(programme).find((p) => p.id === projectId) ?? null;
}
