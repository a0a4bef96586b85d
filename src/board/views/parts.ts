import type { VNode } from 'preact';
import type { Lang } from '../../core/types.ts';
import { formatAge } from '../../core/updates/format.ts';
import { formatDate } from '../../core/time.ts';
import { STATUS_LABELS, type UpdateStatus } from '../../core/updates/schema.ts';
import type { ProjectCard } from '../data.ts';
import { t } from '../../core/texts/index.ts';
import { html } from './html.ts';

/** A shape per status, so the status reads without colour too. */
const STATUS_MARK: Record<UpdateStatus | 'none', string> = {
  not_started: '○',
  on_track: '●',
  at_risk: '▲',
  blocked: '■',
  done: '✓',
  none: '–',
};

export function statusLabel(status: UpdateStatus | null, lang: Lang): string {
  return status ? STATUS_LABELS[status][lang] : t(lang, 'board.neverUpdated');
}

export function StatusBadge(p: { status: UpdateStatus | null; lang: Lang }): VNode {
  const key = p.status ?? 'none';
  return html`<span class=${`badge s-${key}`}><span aria-hidden="true">${STATUS_MARK[key]}</span> ${statusLabel(p.status, p.lang)}</span>`;
}

export function ProgressBar(p: { value: number | null; name: string; lang: Lang }): VNode | null {
  if (p.value === null) return null;
  return html`<div class="progress">
    <progress max="100" value=${p.value} aria-label=${t(p.lang, 'board.progressOf', { name: p.name })}>${p.value}%</progress>
    <span class="pct" aria-hidden="true">${p.value}%</span>
  </div>`;
}

export function StaleMark(p: { lang: Lang; days: number }): VNode {
  return html`<span class="stale" title=${t(p.lang, 'board.staleNote', { d: p.days })}><span aria-hidden="true">⚠</span> ${t(p.lang, 'board.stale')}</span>`;
}

/** Last update (age and author), blockers, due date: the facts of a project card. */
export function ProjectFacts(p: { card: ProjectCard; lang: Lang; timeZone: string; now: Date }): VNode {
  const { card, lang } = p;
  const latest = card.latest;
  return html`<dl class="facts">
    ${latest
      ? html`<div>
          <dt>${t(lang, 'board.lastUpdate')}</dt>
          <dd>
            <time datetime=${latest.createdAt} title=${formatDate(latest.createdAt, lang, p.timeZone)}>${formatAge(latest.createdAt, p.now, lang, p.timeZone)}</time>
            ${' '}${t(lang, 'board.by')} ${latest.author.displayName}
          </dd>
        </div>`
      : null}
    ${card.blockers
      ? html`<div class="blockers">
          <dt>${t(lang, 'board.blockers')}</dt>
          <dd>${card.blockers}</dd>
        </div>`
      : null}
    ${card.due
      ? html`<div class=${card.due.overdue ? 'overdue' : ''}>
          <dt>${t(lang, 'board.nextDue')}</dt>
          <dd><time datetime=${card.due.date}>${formatDate(card.due.date, lang)}</time>${card.due.overdue ? ` (${t(lang, 'board.overdue')})` : ''}</dd>
        </div>`
      : null}
  </dl>`;
}
