import type { VNode } from 'preact';
import type { Lang } from '../../core/types.ts';
import { formatDate } from '../../core/time.ts';
import type { StoredUpdate } from '../../core/updates/store.ts';
import type { ProjectPage as ProjectData } from '../data.ts';
import { t } from '../../core/texts/index.ts';
import { html } from './html.ts';
import { IndicatorChart } from './indicator-chart.ts';
import type { BoardLinks } from './links.ts';
import { ProgressBar, ProjectFacts, StaleMark, StatusBadge } from './parts.ts';

interface Ctx {
  lang: Lang;
  links: BoardLinks;
  now: Date;
  data: ProjectData;
}

function HistoryEntry(u: StoredUpdate, c: Ctx): VNode {
  const tz = c.data.programme.timezone;
  const field = (label: string, value: string | null) => (value ? html`<p><strong>${label}:</strong> ${value}</p>` : null);
  return html`<li class=${`entry s-${u.status}`}>
    <p class="when">
      <time datetime=${u.createdAt}>${formatDate(u.createdAt, c.lang, tz)}</time> · ${u.author.displayName}
      ${u.supersedes ? html` · <span class="revised">${t(c.lang, 'board.revised')}</span>` : null}
    </p>
    <p class="state">
      ${StatusBadge({ status: u.status, lang: c.lang })}${u.progress !== null ? html` <span class="pct">${u.progress}%</span>` : null}
    </p>
    <p class="summary">${u.summary}</p>
    ${field(t(c.lang, 'board.nextSteps'), u.next_steps)} ${field(t(c.lang, 'board.blockers'), u.blockers)}
    ${field(t(c.lang, 'board.nextDue'), u.due_date ? formatDate(u.due_date, c.lang) : null)}
  </li>`;
}

/** One project: current state, its history of updates (newest first) and its documents. */
export function ProjectPageView(c: Ctx): VNode {
  const { data, lang } = c;
  const card = data.card;
  return html`<div class="project-page">
    <p class="back"><a href=${c.links.board()}>${t(lang, 'board.backToBoard')}</a></p>
    <h1>${card.name}</h1>
    <p class="subtitle">${t(lang, 'board.cantiere')} ${data.cantiere.number} · ${data.cantiere.name}</p>
    <div class=${`current s-${card.status ?? 'none'}`}>
      <p class="state">
        ${StatusBadge({ status: card.status, lang })} ${card.stale ? StaleMark({ lang, days: data.programme.staleAfterDays }) : null}
      </p>
      ${ProgressBar({ value: card.progress, name: card.name, lang })}
      ${ProjectFacts({ card, lang, timeZone: data.programme.timezone, now: c.now })}
    </div>
    ${data.indicators.length
      ? html`<section aria-labelledby="indicators"><h2 id="indicators">${t(lang, 'board.indicators')}</h2>
          <div class="indicators">${data.indicators.map((indicator) => IndicatorChart({ indicator, lang }))}</div></section>`
      : null}
    <section aria-labelledby="history">
      <h2 id="history">${t(lang, 'board.history')}</h2>
      ${data.history.length ? html`<ol class="history">${data.history.map((u) => HistoryEntry(u, c))}</ol>` : html`<p>${t(lang, 'board.noHistory')}</p>`}
    </section>
    <section aria-labelledby="documents">
      <h2 id="documents">${t(lang, 'board.documents')}</h2>
      ${data.documents.length
        ? html`<ul class="documents">
            ${data.documents.map(
              (d) => html`<li><span class="doc-title">${d.title}</span> <span class="doc-meta">${d.source} · ${formatDate(d.ingestedAt, lang, data.programme.timezone)}</span></li>`,
            )}
          </ul>`
        : html`<p>${t(lang, 'board.noDocuments')}</p>`}
    </section>
  </div>`;
}
