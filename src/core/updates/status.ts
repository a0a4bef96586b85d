import type { AppContext } from '../../app.ts';
import { isStale } from './stale.ts';
import type { Citation, Lang } from '../types.ts';
import { formatAge, formatUpdateLine } from './format.ts';
import { addDays, calendarDaysBetween, formatDate, localDate, monthNames, startOfLocalDay, weekdayOf } from '../time.ts';
import { findProjectInText, projectById } from './projects.ts';
import { STATUS_LABELS } from './schema.ts';
import { latestUpdates, listUpdates, type StoredUpdate } from './store.ts';
import { fold } from '../language.ts';
import { t } from '../texts/index.ts';

/** Status and history of projects, from the logged updates, as data and as short text. */

export interface ProjectStatus {
  project: { id: string; name: string; cantiereId: string; archived: boolean };
  /** The newest current update, or null when none was ever logged. */
  latest: StoredUpdate | null;
  /** Whole days since the latest update, and the same in words ("3 giorni fa" / "3 days ago"). */
  ageDays: number | null;
  age: string | null;
  /** Older than the programme's stale_after_days. */
  stale: boolean;
  /**
   * A few sentences in `lang`, ready for a chat pane after a lead naming the project (answers say
   * "Ecco cosa risulta su <project>:"), so the project name is not repeated here.
   */
  text: string;
  /** Citation of the update (`source` = `update:<id>`), for answers that number their sources. */
  citation: Citation | null;
}

export class UnknownProjectError extends Error {}

export function updateCitation(u: StoredUpdate, n: number, lang: Lang, timeZone = 'UTC'): Citation {
  return {
    n,
    source: `update:${u.id}`,
    title: t(lang, 'updates.status.citationTitle', { project: u.projectName }),
    section: `${formatDate(u.createdAt, lang, timeZone)}, ${u.author.displayName}`,
    quote: u.summary.length > 200 ? `${u.summary.slice(0, 197)}...` : u.summary,
  };
}

export async function projectStatus(app: AppContext, projectId: string, lang: Lang, now: Date = new Date()): Promise<ProjectStatus> {
  const programme = await app.programme();
  const project = programme ? projectById(programme, projectId) : null;
  if (!programme || !project) throw new UnknownProjectError(`unknown project "${projectId}"`);
  const tz = programme.timezone;
  const [latest] = await latestUpdates(app.db, { projectId });
  const info = { id: project.id, name: project.name, cantiereId: project.cantiereId, archived: project.archived };
  if (!latest) {
    return {
      project: info,
      latest: null,
      ageDays: null,
      age: null,
      stale: true,
      text: t(lang, 'updates.status.none', { project: project.name }),
      citation: null,
    };
  }
  const ageDays = Math.max(0, calendarDaysBetween(new Date(latest.createdAt), now, tz));
  const age = formatAge(latest.createdAt, now, lang, tz);
  const stale = isStale(latest.createdAt, now, programme.staleAfterDays);
  const parts = [
    t(lang, 'updates.status.latest', { date: formatDate(latest.createdAt, lang, tz), age, author: latest.author.displayName }),
    t(lang, 'updates.status.state', { status: STATUS_LABELS[latest.status][lang].toLowerCase() }) +
      (latest.progress !== null ? t(lang, 'updates.status.progress', { progress: latest.progress }) : '.'),
    ensureStop(latest.summary),
  ];
  if (latest.next_steps) parts.push(t(lang, 'updates.status.nextSteps', { text: ensureStop(latest.next_steps) }));
  if (latest.blockers) parts.push(t(lang, 'updates.status.blockers', { text: ensureStop(latest.blockers) }));
  if (latest.due_date) parts.push(t(lang, 'updates.status.due', { date: formatDate(latest.due_date, lang) }));
  if (stale) parts.push(t(lang, 'updates.status.stale', { days: programme.staleAfterDays }));
  return { project: info, latest, ageDays, age, stale, text: parts.join(' '), citation: updateCitation(latest, 1, lang, tz) };
}

const ensureStop = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

// ---------------------------------------------------------------------------------------------
// History: "cosa è successo sulla ZLS a ottobre?", "updates this week"

export interface HistoryPeriod {
  /** Inclusive start and exclusive end, as YYYY-MM-DD in the programme's time zone. */
  since: string;
  until: string;
  label: Record<Lang, string>;
}

const MONTHS_IT = monthNames('it');
const MONTHS_EN = monthNames('en');

/** The period a history question names, or null. Months without a year mean the latest one so far. */
export function parseHistoryPeriod(text: string, now: Date = new Date(), timeZone = 'UTC'): HistoryPeriod | null {
  const t = fold(text);
  const today = localDate(now, timeZone);
  const monday = addDays(today, -weekdayOf(today));
  const has = (re: RegExp) => re.test(t);
  if (has(/\b(questa settimana|settimana corrente|this week)\b/)) {
    return { since: monday, until: addDays(monday, 7), label: { it: 'questa settimana', en: 'this week' } };
  }
  if (has(/\b(settimana scorsa|scorsa settimana|ultima settimana|last week|past week|previous week)\b/)) {
    return { since: addDays(monday, -7), until: monday, label: { it: 'la settimana scorsa', en: 'last week' } };
  }
  const lastN = /\b(?:ultimi|last|past)\s+(\d{1,3})\s+(giorni|days|settimane|weeks)\b/.exec(t);
  if (lastN) {
    const n = Number(lastN[1]) * (/^(settimane|weeks)$/.test(lastN[2]) ? 7 : 1);
    return { since: addDays(today, -n + 1), until: addDays(today, 1), label: { it: `negli ultimi ${lastN[1]} ${lastN[2]}`, en: `in the last ${lastN[1]} ${lastN[2]}` } };
  }
  if (has(/\b(oggi|today)\b/)) return { since: today, until: addDays(today, 1), label: { it: 'oggi', en: 'today' } };
  if (has(/\b(ieri|yesterday)\b/)) return { since: addDays(today, -1), until: today, label: { it: 'ieri', en: 'yesterday' } };
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const monthRange = (year: number, month: number) => {
    const since = `${year}-${String(month).padStart(2, '0')}-01`;
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    return { since, until: next, label: { it: `a ${MONTHS_IT[month - 1]} ${year}`, en: `in ${MONTHS_EN[month - 1][0].toUpperCase()}${MONTHS_EN[month - 1].slice(1)} ${year}` } };
  };
  if (has(/\b(questo mese|this month)\b/)) return monthRange(y, m);
  if (has(/\b(mese scorso|scorso mese|last month|previous month)\b/)) return m === 1 ? monthRange(y - 1, 12) : monthRange(y, m - 1);
  const month = new RegExp(`\\b(${[...MONTHS_IT, ...MONTHS_EN].join('|')})\\b(?:\\s+(?:del\\s+|of\\s+)?(\\d{4}))?`).exec(t);
  if (month) {
    const idx = (MONTHS_IT.indexOf(month[1]) + 1 || MONTHS_EN.indexOf(month[1]) + 1);
    const year = month[2] ? Number(month[2]) : idx > m ? y - 1 : y;
    return monthRange(year, idx);
  }
  const since = /\b(?:dal|since|from)\s+(\d{4}-\d{2}-\d{2})\b/.exec(t);
  if (since) return { since: since[1], until: addDays(today, 1), label: { it: `dal ${since[1]}`, en: `since ${since[1]}` } };
  return null;
}

/** Does the question ask for a history of updates ("cosa è successo...", "updates this week")? */
export function isHistoryQuestion(text: string): boolean {
  const t = fold(text);
  const happened = /\b(cosa e successo|che cosa e successo|cos'e successo|che e successo|what happened|what has happened|what's happened|novita)\b/.test(t);
  const updates = /\b(aggiornament[oi]|updates?)\b/.test(t) && !/\b(aggiorna|update)\s+\S+\s*:/.test(t);
  return happened || (updates && parseHistoryPeriod(text) !== null);
}


export interface UpdateHistory {
  updates: StoredUpdate[];
  period: HistoryPeriod | null;
  projectId: string | null;
  text: string;
  citations: Citation[];
}

/**
 * Updates of a project (or cantiere, or the whole programme) in a period, listed by date, oldest
 * first, as text with numbered citations.
 */
export async function updateHistory(
  app: AppContext,
  query: { projectId?: string | null; cantiereId?: string | null; period?: HistoryPeriod | null },
  lang: Lang,
): Promise<UpdateHistory> {
  const programme = await app.programme();
  const tz = programme?.timezone ?? 'UTC';
  const period = query.period ?? null;
  const updates = await listUpdates(app.db, {
    projectId: query.projectId ?? undefined,
    cantiereId: query.projectId ? undefined : query.cantiereId ?? undefined,
    since: period ? startOfLocalDay(period.since, tz) : undefined,
    until: period ? startOfLocalDay(period.until, tz) : undefined,
  });
  // Chat panes want short answers: the latest few when no period narrows the list.
  const shown = updates.slice(period ? -12 : -6);
  const project = query.projectId && programme ? projectById(programme, query.projectId) : null;
  const what = project ? t(lang, 'updates.list.project', { project: project.name }) : t(lang, 'updates.list.programme');
  const when = period ? ` ${period.label[lang]}` : '';
  if (shown.length === 0) {
    return { updates: [], period, projectId: project?.id ?? null, text: t(lang, 'updates.list.none', { what, when }), citations: [] };
  }
  const head = t(lang, 'updates.list.head', { what, when, n: shown.length });
  const lines = shown.map((u, i) => `[${i + 1}] ${formatUpdateLine(u, lang, tz, !project)}`);
  return {
    updates: shown,
    period,
    projectId: project?.id ?? null,
    text: [head, ...lines].join('\n'),
    citations: shown.map((u, i) => updateCitation(u, i + 1, lang, tz)),
  };
}

/**
 * Answers a history question from the updates when it is one ("cosa è successo sulla ZLS a
 * ottobre?", "updates this week"); null otherwise, so the caller can go on to the documents.
 */
export async function answerHistoryQuestion(
  app: AppContext,
  question: string,
  lang: Lang,
  now: Date = new Date(),
  cantiereId?: string | null,
): Promise<UpdateHistory | null> {
  if (!isHistoryQuestion(question)) return null;
  const programme = await app.programme();
  const tz = programme?.timezone ?? 'UTC';
  const project = programme ? findProjectInText(programme, question) : null;
  const period = parseHistoryPeriod(question, now, tz);
  // "What happened?" with neither a project nor a period is too vague for the update log.
  if (!project && !period) return null;
  const history = await updateHistory(app, { projectId: project?.project.id ?? null, cantiereId: project ? null : cantiereId ?? null, period }, lang);
  // No update in that period: only a question about updates gets "none"; others go to the documents.
  if (history.updates.length === 0 && !/\b(aggiornament[oi]|updates?)\b/.test(fold(question))) return null;
  return history;
}
