import { t } from '../texts/index.ts';
import type { Intent, Lang } from '../types.ts';

/** How an answer opens, by what was asked. */
export function framing(lang: Lang, intent: Intent, about: string | null): string {
  if (intent === 'status' && about) return t(lang, 'answer.framing.status', { about });
  if (intent === 'who') return t(lang, 'answer.framing.who');
  if (intent === 'history') return t(lang, 'answer.framing.history');
  return t(lang, 'answer.framing.fact');
}
