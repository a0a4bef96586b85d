import type { Lang } from '../types.ts';
import { STATUS_LABELS, type UpdateStatus } from '../updates/schema.ts';
import { formatValue } from '../indicators/format.ts';
import { INDICATOR_STATE_LABELS, INDICATOR_TEXT } from '../indicators/texts.ts';
import type { AttentionItem, DigestData, DueItem, IndicatorDigest, ProjectDigest, StaleItem } from './types.ts';

/**
 * The words of a digest in both languages, shared by every rendering so each channel and the
 * plain text always say the same thing. Each renderer adds only its own markup.
 */

const L = {
  title: { it: 'Digest settimanale', en: 'Weekly digest' },
  cantiere: { it: 'Cantiere', en: 'Cantiere' },
  week: { it: 'Settimana', en: 'Week' },
  attention: { it: 'Da sbloccare', en: 'Needs attention' },
  projects: { it: 'Progetti', en: 'Projects' },
  dueSoon: { it: 'Scadenze nei prossimi {n} giorni', en: 'Due in the next {n} days' },
  stale: { it: 'Senza aggiornamenti da almeno {n} giorni', en: 'No update for {n} days or more' },
  noUpdate: { it: 'nessun aggiornamento registrato', en: 'no update logged yet' },
  was: { it: 'era', en: 'was' },
  newStatus: { it: 'nuovo', en: 'new' },
  summary: { it: 'Sintesi', en: 'Summary' },
  nextSteps: { it: 'Prossimi passi', en: 'Next steps' },
  blockers: { it: 'Ostacoli', en: 'Blockers' },
  due: { it: 'Scadenza', en: 'Due' },
  overdueBy: { it: 'scaduto da {n} giorni ({date})', en: 'overdue by {n} days ({date})' },
  overdueBy1: { it: 'scaduto da 1 giorno ({date})', en: 'overdue by 1 day ({date})' },
  dueToday: { it: 'oggi', en: 'today' },
  dueTomorrow: { it: 'domani', en: 'tomorrow' },
  dueIn: { it: 'tra {n} giorni', en: 'in {n} days' },
  lastUpdate: { it: 'ultimo aggiornamento {n} giorni fa', en: 'last update {n} days ago' },
  never: { it: 'mai aggiornato', en: 'never updated' },
  askLeader: { it: '{who}, puoi aggiornarli?', en: '{who}, could you update them?' },
  nothingToFlag: { it: 'Nessun blocco né scadenza superata.', en: 'Nothing blocked or overdue.' },
  logUpdate: { it: 'Registra un aggiornamento', en: 'Log an update' },
  logUpdateHint: {
    it: 'Per aggiornare un progetto usa il pulsante o scrivi "aggiorna <progetto>: ..." menzionando Regia.',
    en: 'To update a project use the button or write "update <project>: ..." mentioning Regia.',
  },
  updatedBy: { it: 'di {who}', en: 'by {who}' },
  noProjects: { it: 'Nessun progetto attivo.', en: 'No active projects.' },
  indicators: { it: 'Indicatori: variazioni della settimana e obiettivi a rischio', en: 'Indicators: moved this week, targets at risk' },
  indicatorWas: { it: 'era {v}', en: 'was {v}' },
  reportedBy: { it: 'referente: {who}', en: 'reported by {who}' },
  moreItems: { it: '…e altri {n}: il quadro completo è nella bacheca di Regia.', en: '…and {n} more: the full picture is on Regia\'s board.' },
  moreProjects: { it: '…e altri {n} progetti: il quadro completo è nella bacheca di Regia.', en: '…and {n} more projects: the full picture is on Regia\'s board.' },
  reminderTitle: { it: 'Promemoria: aggiornamenti per il digest', en: 'Reminder: updates for the digest' },
  reminderIntro: {
    it: 'Il digest settimanale esce {when}. Questi progetti non hanno aggiornamenti da almeno {n} giorni:',
    en: 'The weekly digest goes out {when}. These projects have had no update for {n} days or more:',
  },
  update: { it: 'Aggiorna', en: 'Update' },
  failedTitle: { it: 'Digest non pubblicato', en: 'Digest not posted' },
  failedBody: {
    it: 'Il digest {week} del cantiere {cantiere} non è stato pubblicato su {platform} dopo {n} tentativi: {error}. Per riprovare: regia digest --post --cantiere {id} --week {week}',
    en: 'The {week} digest of cantiere {cantiere} could not be posted to {platform} after {n} attempts: {error}. To retry: regia digest --post --cantiere {id} --week {week}',
  },
} as const;

export type LabelKey = keyof typeof L;

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

export function t(key: LabelKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return L[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export function statusLabel(status: UpdateStatus | null, lang: Lang): string {
  return status ? STATUS_LABELS[status][lang] : t('noUpdate', lang);
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

/** '2026-11-30' -> '30 nov 2026' / '30 Nov 2026' (a calendar date: no time zone involved). */
export function formatDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function digestTitle(d: DigestData): string {
  return `${t('title', d.lang)} · ${t('cantiere', d.lang)} ${d.cantiere.number} – ${d.cantiere.name}`;
}

export function weekLine(d: DigestData): string {
  return `${t('week', d.lang)} ${d.week} (${formatDate(d.weekStart, d.lang)} – ${formatDate(d.weekEnd, d.lang)})`;
}

/** "Bloccato (era: In linea) · 40% (+10)" */
export function projectStatusLine(p: ProjectDigest, lang: Lang): string {
  if (!p.status) return t('noUpdate', lang);
  let line = statusLabel(p.status, lang);
  if (p.statusChanged) line += p.previousStatus ? ` (${t('was', lang)}: ${statusLabel(p.previousStatus, lang)})` : ` (${t('newStatus', lang)})`;
  if (p.progress !== null) {
    line += ` · ${p.progress}%`;
    if (p.progressDelta) line += ` (${p.progressDelta > 0 ? '+' : ''}${p.progressDelta})`;
  }
  if (p.dueDate) line += ` · ${t('due', lang)} ${formatDate(p.dueDate, lang)}`;
  return line;
}

/** "Ostacoli: attesa firma · scaduto da 3 giorni (20 nov 2026)" */
export function attentionDetail(a: AttentionItem, lang: Lang): string {
  const parts: string[] = [];
  if (a.status === 'blocked') parts.push(statusLabel('blocked', lang));
  if (a.blockers) parts.push(`${t('blockers', lang)}: ${a.blockers}`);
  if (a.overdue && a.dueDate) {
    parts.push(t(a.daysOverdue === 1 ? 'overdueBy1' : 'overdueBy', lang, { n: a.daysOverdue, date: formatDate(a.dueDate, lang) }));
  }
  return parts.join(' · ');
}

export function dueDetail(d: DueItem, lang: Lang): string {
  const when = d.daysLeft === 0 ? t('dueToday', lang) : d.daysLeft === 1 ? t('dueTomorrow', lang) : t('dueIn', lang, { n: d.daysLeft });
  return `${formatDate(d.dueDate, lang)} (${when})`;
}

export function staleDetail(s: StaleItem, lang: Lang): string {
  return s.daysSinceUpdate === null ? t('never', lang) : t('lastUpdate', lang, { n: s.daysSinceUpdate });
}

/** "92 comuni al 30 nov 2026 (era 88) · obiettivo 95 comuni entro il 31 dic 2026 · Obiettivo a rischio: a questo ritmo ..." */
export function indicatorDetail(i: IndicatorDigest, lang: Lang): string {
  const val = (n: number) => formatValue(n, i, lang);
  const parts: string[] = [];
  if (i.latest) {
    const was = i.previous && i.previous.value !== i.latest.value ? ` (${t('indicatorWas', lang, { v: val(i.previous.value) })})` : '';
    parts.push(`${INDICATOR_TEXT.latest[lang](val(i.latest.value), formatDate(i.latest.date, lang))}${was}`);
  }
  if (i.target) parts.push(INDICATOR_TEXT.target[lang](val(i.target.value), formatDate(i.target.by, lang)));
  let state = INDICATOR_STATE_LABELS[i.state][lang];
  if (i.state === 'at_risk' && i.projected !== null && i.target) state += `: ${INDICATOR_TEXT.projected[lang](formatValue(i.projected, i, lang, 1), formatDate(i.target.by, lang))}`;
  parts.push(state);
  return parts.join(' · ');
}
