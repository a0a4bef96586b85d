import type { Programme } from '../../programme/model.ts';
import type { Lang } from '../types.ts';

export interface SuggestedPrompt {
  /** Short label on the button. */
  title: string;
  /** What is asked when it is chosen. */
  message: string;
}

/** How many of a cantiere's projects get a "status of" prompt. */
const PROJECTS = 2;

const TEXT = {
  status: { it: (p: string) => [`Stato di ${p}`, `A che punto è ${p}?`], en: (p: string) => [`Status of ${p}`, `What's the status of ${p}?`] },
  due: { it: ['Scadenze della settimana', 'Cosa scade questa settimana?'], en: ["What's due this week", "What's due this week?"] },
  leader: { it: (n: string) => [`Chi coordina il cantiere ${n}`, `Chi coordina il cantiere ${n}?`], en: (n: string) => [`Who leads cantiere ${n}`, `Who leads cantiere ${n}?`] },
} as const;

/**
 * Questions to offer someone opening a conversation with Regia, drawn from the programme: the
 * status of their cantiere's projects (the first cantieri's when Regia does not know theirs), what
 * is due this week, who leads their cantiere. At most four (Slack's limit for suggested prompts).
 */
export function suggestedPrompts(programme: Programme | null, cantiereId: string | null, lang: Lang): SuggestedPrompt[] {
  const pair = ([title, message]: readonly string[]) => ({ title, message });
  const prompts: SuggestedPrompt[] = [];
  const cantieri = (programme?.cantieri ?? []).filter((c) => !c.archived);
  const mine = cantieri.find((c) => c.id === cantiereId);
  const projects = (mine ? [mine] : cantieri).flatMap((c) => c.projects.filter((p) => !p.archived)).slice(0, PROJECTS);
  for (const p of projects) prompts.push(pair(TEXT.status[lang](shortName(p.name, p.aliases))));
  prompts.push(pair(TEXT.due[lang]));
  if (mine) prompts.push(pair(TEXT.leader[lang](mine.number)));
  return prompts.slice(0, 4);
}

/** A project as people say it: its acronym when it has one ("ZLS"), else its name. */
function shortName(name: string, aliases: string[]): string {
  return aliases.find((a) => /^[\p{Lu}\d]{2,8}$/u.test(a)) ?? name;
}
