import type { VNode } from 'preact';
import type { Lang } from '../../core/types.ts';
import { UPDATE_STATUSES } from '../../core/updates/schema.ts';
import type { BoardData, CantiereCard, ProjectCard } from '../data.ts';
import { t } from '../../core/texts/index.ts';
import { html } from './html.ts';
import { IndicatorChart } from './indicator-chart.ts';
import type { BoardLinks } from './links.ts';
import { ProgressBar, ProjectFacts, StaleMark, StatusBadge, statusLabel } from './parts.ts';

interface Ctx {
  lang: Lang;
  links: BoardLinks;
  now: Date;
  data: BoardData;
}

function ProjectItem(card: ProjectCard, c: Ctx): VNode {
  return html`<li class=${`project s-${card.status ?? 'none'}${card.stale ? ' is-stale' : ''}`} data-project=${card.id}>
    <h3><a href=${c.links.project(card.id)}>${card.name}</a></h3>
    <p class="state">
      ${StatusBadge({ status: card.status, lang: c.lang })}
      ${card.stale ? StaleMark({ lang: c.lang, days: c.data.programme.staleAfterDays }) : null}
    </p>
    ${ProgressBar({ value: card.progress, name: card.name, lang: c.lang })}
    ${ProjectFacts({ card, lang: c.lang, timeZone: c.data.programme.timezone, now: c.now })}
  </li>`;
}

function CantiereSection(cantiere: CantiereCard, c: Ctx): VNode {
  const headingId = `cantiere-${cantiere.id}`;
  return html`<section class="cantiere" aria-labelledby=${headingId}>
    <h2 id=${headingId}><span class="num">${t(c.lang, 'board.cantiere')} ${cantiere.number}</span> ${cantiere.name}</h2>
    <ul class="projects">
      ${cantiere.projects.map((p) => ProjectItem(p, c))}
    </ul>
    ${cantiere.indicators.length
      ? html`<div class="indicators">${cantiere.indicators.map((indicator) => IndicatorChart({ indicator, lang: c.lang }))}</div>`
      : null}
  </section>`;
}

function Totals(c: Ctx): VNode {
  const { counts, staleCount } = c.data;
  const items = [...UPDATE_STATUSES.filter((s) => counts[s] > 0).map((s) => ({ key: s, label: statusLabel(s, c.lang), n: counts[s] }))];
  if (counts.none) items.push({ key: 'none' as never, label: t(c.lang, 'board.countNone'), n: counts.none });
  return html`<ul class="totals">
    ${items.map((i) => html`<li class=${`badge s-${i.key}`}><strong>${i.n}</strong> ${i.label}</li>`)}
    ${staleCount ? html`<li class="badge stale-count"><strong>${staleCount}</strong> ${t(c.lang, 'board.staleCount')}</li>` : null}
  </ul>`;
}

/** The whole programme: totals, then one section per cantiere with its projects. */
export function BoardPage(c: Ctx): VNode {
  return html`<div class="board">
    <h1>${c.data.programme.name}</h1>
    <p class="subtitle">${t(c.lang, 'board.boardTitle')}</p>
    ${Totals(c)}
    ${c.data.indicators.length
      ? html`<section class="indicators programme" aria-labelledby="programme-indicators">
          <h2 id="programme-indicators">${t(c.lang, 'board.indicators')}</h2>
          ${c.data.indicators.map((indicator) => IndicatorChart({ indicator, lang: c.lang }))}
        </section>`
      : null}
    <div class="cantieri">${c.data.cantieri.map((cantiere) => CantiereSection(cantiere, c))}</div>
  </div>`;
}
