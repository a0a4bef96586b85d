import { t } from '../texts/index.ts';
import { formatDate as formatLongOrShort } from '../time.ts';
import type { Lang } from '../types.ts';
import { STATUS_LABELS, type UpdateStatus } from '../updates/schema.ts';
import { formatValue } from '../indicators/format.ts';
import type { AttentionItem, DigestData, DueItem, IndicatorDigest, ProjectDigest, StaleItem } from './types.ts';

/**
 * The words of a digest in both languages, shared by every rendering so each channel and the
 * plain text always say the same thing. Each renderer adds only its own markup.
 */


/**
 * What one digest message shows at most, the same on every platform: a person's text (summary,
 * next steps, blockers) is cut to an excerpt with an ellipsis, and each list (attention, due
 * soon, stale) to its first items followed by "and N more"; the board has the rest. Projects are
 * fitted to each platform's message size by its renderer, also closing with "and N more".
 */
export const DIGEST_EXCERPT_CHARS = 200;
export const DIGEST_LIST_MAX = 10;

/** The first DIGEST_LIST_MAX items of a digest list and how many were left out. */
export function listHead<T>(items: T[]): { shown: T[]; more: number } {
  return { shown: items.slice(0, DIGEST_LIST_MAX), more: Math.max(0, items.length - DIGEST_LIST_MAX) };
}


export function statusLabel(status: UpdateStatus | null, lang: Lang): string {
  return status ? STATUS_LABELS[status][lang] : t(lang, 'digest.noUpdate');
}

/** A status marker that reads the same on every platform. */
export function statusIcon(status: UpdateStatus | null): string {
  switch (status) {
    case 'blocked':
      return '🔴';
    case 'at_risk':
      return '🟠';
    case 'on_track':
      return '🟢';
    case 'done':
      return '✅';
    case 'not_started':
      return '⚪';
    default:
      return '▫️';
  }
}

/** '2026-11-30' -> '30 nov 2026' / '30 Nov 2026': digests show dates short. */
export function formatDate(date: string, lang: Lang): string {
  return formatLongOrShort(date, lang, 'UTC', 'short');
}

export function digestTitle(d: DigestData): string {
  return `${t(d.lang, 'digest.title')} · ${t(d.lang, 'digest.cantiere')} ${d.cantiere.number} – ${d.cantiere.name}`;
}

export function weekLine(d: DigestData): string {
  return `${t(d.lang, 'digest.week')} ${d.week} (${formatDate(d.weekStart, d.lang)} – ${formatDate(d.weekEnd, d.lang)})`;
}

/** "Bloccato (era: In linea) · 40% (+10)" */
export function projectStatusLine(p: ProjectDigest, lang: Lang): string {
  if (!p.status) return t(lang, 'digest.noUpdate');
  let line = statusLabel(p.status, lang);
  if (p.statusChanged) line += p.previousStatus ? ` (${t(lang, 'digest.was')}: ${statusLabel(p.previousStatus, lang)})` : ` (${t(lang, 'digest.newStatus')})`;
  if (p.progress !== null) {
    line += ` · ${p.progress}%`;
    if (p.progressDelta) line += ` (${p.progressDelta > 0 ? '+' : ''}${p.progressDelta})`;
  }
  if (p.dueDate) line += ` · ${t(lang, 'digest.due')} ${formatDate(p.dueDate, lang)}`;
  return line;
}

/** "Ostacoli: attesa firma · scaduto da 3 giorni (20 nov 2026)" */
export function attentionDetail(a: AttentionItem, lang: Lang): string {
  const parts: string[] = [];
  if (a.status === 'blocked') parts.push(statusLabel('blocked', lang));
  if (a.blockers) parts.push(`${t(lang, 'digest.blockers')}: ${a.blockers}`);
  if (a.overdue && a.dueDate) {
    parts.push(t(lang, a.daysOverdue === 1 ? 'digest.overdueBy1' : 'digest.overdueBy', { n: a.daysOverdue, date: formatDate(a.dueDate, lang) }));
  }
  return parts.join(' · ');
}

export function dueDetail(d: DueItem, lang: Lang): string {
  const when = d.daysLeft === 0 ? t(lang, 'digest.dueToday') : d.daysLeft === 1 ? t(lang, 'digest.dueTomorrow') : t(lang, 'digest.dueIn', { n: d.daysLeft });
  return `${formatDate(d.dueDate, lang)} (${when})`;
}

export function staleDetail(s: StaleItem, lang: Lang): string {
  return s.daysSinceUpdate === null ? t(lang, 'digest.never') : t(lang, 'digest.lastUpdate', { n: s.daysSinceUpdate });
}

/** "92 comuni al 30 nov 2026 (era 88) · obiettivo 95 comuni entro il 31 dic 2026 · Obiettivo a rischio: a questo ritmo ..." */
export function indicatorDetail(i: IndicatorDigest, lang: Lang): string {
  const val = (n: number) => formatValue(n, i, lang);
  const parts: string[] = [];
  if (i.latest) {
    const was = i.previous && i.previous.value !== i.latest.value ? ` (${t(lang, 'digest.indicatorWas', { v: val(i.previous.value) })})` : '';
    parts.push(`${t(lang, 'indicators.latest', { v: val(i.latest.value), d: formatDate(i.latest.date, lang) })}${was}`);
  }
  if (i.target) parts.push(t(lang, 'indicators.target', { v: val(i.target.value), d: formatDate(i.target.by, lang) }));
  let state = t(lang, `indicators.state.${i.state}`);
  if (i.state === 'at_risk' && i.projected !== null && i.target) state += `: ${t(lang, 'indicators.projected', { v: formatValue(i.projected, i, lang, 1), d: formatDate(i.target.by, lang) })}`;
  parts.push(state);
  return parts.join(' · ');
}
