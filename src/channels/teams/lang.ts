import type { Activity } from 'botbuilder';
import { detectLang } from '../../core/language.ts';
import type { Lang } from '../../core/types.ts';

/** The language to answer in: the message's own when it says enough, else the Teams client's locale. */
export function languageOf(text: string, activity: Partial<Activity>): Lang {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words >= 3) return detectLang(text);
  return activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'it';
}
