import type { Programme } from '../../programme/model.ts';
import { t } from '../texts/index.ts';
import type { Lang } from '../types.ts';

export interface SuggestedPrompt {
  /** Short label on the button. */
  title: string;
  /** What is asked when it is chosen. */
  message: string;
}

/** How many of a cantiere's projects get a "status of" prompt. */
const PROJECTS = 2;

/**
 * Questions to offer someone opening a conversation with Regia, drawn from the programme: the
 * status of their cantiere's projects (the first cantieri's when Regia does not know theirs), what
 * is due this week, who leads their cantiere. At most four (Slack's limit for suggested prompts).
 */
export function suggestedPrompts(programme: Programme | null, cantiereId: string | null, lang: Lang): SuggestedPrompt[] {
  const prompts: SuggestedPrompt[] = [];
  const cantieri = (programme?.cantieri ?? []).filter((c) => !c.archived);
  const mine = cantieri.find((c) => c.id === cantiereId);
  const projects = (mine ? [mine] : cantieri).flatMap((c) => c.projects.filter((p) => !p.archived)).slice(0, PROJECTS);
  for (const p of projects) {
    const project = shortName(p.name, p.aliases);
    prompts.push({ title: t(lang, 'answer.suggest.status.title', { project }), message: t(lang, 'answer.suggest.status.message', { project }) });
  }
  prompts.push({ title: t(lang, 'answer.suggest.due.title'), message: t(lang, 'answer.suggest.due.message') });
  if (mine) prompts.push({ title: t(lang, 'answer.suggest.leader.title', { n: mine.number }), message: t(lang, 'answer.suggest.leader.message', { n: mine.number }) });
  return prompts.slice(0, 4);
}

/** A project as people say it: its acronym when it has one ("ZLS"), else its name. */
function shortName(name: string, aliases: string[]): string {
  return aliases.find((a) => /^[\p{Lu}\d]{2,8}$/u.test(a)) ?? name;
}
