import type { Programme } from '../../programme/model.ts';
import { t } from '../texts/index.ts';
import { calendarDaysBetween, formatDate } from '../time.ts';
import type { Lang } from '../types.ts';
import { FIELD_TEXT } from './form.ts';
import { projectById } from './projects.ts';
import { STATUS_LABELS, type ParsedUpdate, type UpdateRecord } from './schema.ts';
import type { StoredUpdate } from './store.ts';

/** Plain text shared by every channel (each adds its own markup around it). */

/** "oggi", "ieri", "3 giorni fa", "2 settimane fa" / "today", "3 days ago". */
export function formatAge(createdAt: string | Date, now: Date, lang: Lang, timeZone = 'UTC'): string {
  return ageInWords(calendarDaysBetween(new Date(createdAt), now, timeZone), lang);
}

/** An age of whole days in words, as `formatAge` says it. */
export function ageInWords(daysAgo: number, lang: Lang): string {
  const days = Math.max(0, daysAgo);
  if (days === 0) return t(lang, 'updates.age.today');
  if (days === 1) return t(lang, 'updates.age.yesterday');
  if (days < 14) return t(lang, 'updates.age.days', { n: days });
  if (days < 60) return t(lang, 'updates.age.weeks', { n: Math.floor(days / 7) });
  return t(lang, 'updates.age.months', { n: Math.floor(days / 30) });
}

function projectLabel(projectId: string | null, programme?: Programme | null): string | null {
  if (!projectId) return null;
  const p = programme ? projectById(programme, projectId) : null;
  return p ? `${p.name} (${p.id})` : projectId;
}

/**
 * The preview an author confirms before saving, one field a line, in the author's language.
 * Works on a complete record or a partial draft (missing fields read "—").
 */
export function formatUpdatePreview(record: UpdateRecord | ParsedUpdate, lang: Lang, programme?: Programme | null): string {
  const none = '—';
  const label = (id: keyof typeof FIELD_TEXT) => FIELD_TEXT[id].label[lang].replace(/ \(%\)$/, '');
  const lines = [
    `${label('project')}: ${projectLabel(record.project, programme) ?? none}`,
    `${label('status')}: ${record.status ? STATUS_LABELS[record.status][lang] : none}`,
    `${label('progress')}: ${record.progress === null || record.progress === undefined ? none : `${record.progress}%`}`,
    `${label('summary')}: ${record.summary || none}`,
    `${label('next_steps')}: ${record.next_steps || none}`,
    `${label('blockers')}: ${record.blockers || t(lang, 'updates.none')}`,
    `${label('due_date')}: ${record.due_date ? formatDate(record.due_date, lang) : none}`,
  ];
  return lines.join('\n');
}

/** The first line of an update's announcement in its cantiere's channel. */
export function announcementHeader(who: string, lang: Lang): string {
  return t(lang, 'updates.announcementHeader', { who });
}

/** One stored update as a line: "20 novembre 2026 · Mario Rossi · In linea, 40% — summary". */
export function formatUpdateLine(u: StoredUpdate, lang: Lang, timeZone = 'UTC', withProject = false): string {
  const status = STATUS_LABELS[u.status][lang] + (u.progress !== null ? `, ${u.progress}%` : '');
  const project = withProject ? `${u.projectName}: ` : '';
  return `${formatDate(u.createdAt, lang, timeZone)} · ${u.author.displayName} · ${project}${status} — ${u.summary}`;
}
