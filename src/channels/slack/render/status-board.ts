import type { Lang } from '../../../core/types.ts';
import { isStale } from '../../../core/updates/stale.ts';
import { ageInWords } from '../../../core/updates/format.ts';
import { STATUS_LABELS, type UpdateStatus } from '../../../core/updates/schema.ts';
import type { Cantiere, Programme } from '../../../programme/model.ts';
import type { HomeView, KnownBlock } from '../slack-types.ts';
import { t } from '../../../core/texts/index.ts';
import { escapeMrkdwn, plainText } from './escape.ts';
import { BLOCK_LIMITS, contextLine, section } from './limits.ts';

export const HOME_LOG_UPDATE = 'home_log_update';
/** The Home tab's cantiere selector and its page buttons (value: a HomeScope as JSON). */
export const HOME_SCOPE_SELECT = 'home_scope_select';
export const HOME_PAGE = 'home_page';
const ALL = '*';

/** The latest state of one project, as the board shows it. */
export interface ProjectState {
  status: UpdateStatus;
  progress: number | null;
  /** When the latest update was logged. */
  at: Date;
}

/** What the Home tab shows: every cantiere or one, and which page of it. */
export interface HomeScope {
  cantiere: string | null;
  page: number;
}

const STATUS_EMOJI: Record<UpdateStatus, string> = {
  not_started: ':white_circle:',
  on_track: ':large_green_circle:',
  at_risk: ':large_orange_circle:',
  blocked: ':red_circle:',
  done: ':white_check_mark:',
};

/** One project's compact row: name, status, progress, age of the last update, stale marker. */
export function projectLine(name: string, state: ProjectState | undefined, staleAfterDays: number, now: Date, lang: Lang): string {
  const title = `*${escapeMrkdwn(name)}*`;
  if (!state) return `${title} · :grey_question: ${t(lang, 'slack.neverUpdated')} · :warning: _${t(lang, 'slack.stale')}_`;
  const days = Math.floor((now.getTime() - state.at.getTime()) / 86_400_000);
  const parts = [`${STATUS_EMOJI[state.status]} ${STATUS_LABELS[state.status][lang]}`];
  if (state.progress !== null) parts.push(`${state.progress}%`);
  parts.push(ageInWords(days, lang));
  if (isStale(state.at, now, staleAfterDays)) parts.push(`:warning: _${t(lang, 'slack.stale')}_`);
  return `${title} · ${parts.join(' · ')}`;
}

const cantiereTitle = (c: Cantiere) => `Cantiere ${c.number} · ${c.name}`;

/** A cantiere's header and one row per project (with its "log update" button when `withButtons`). */
function cantiereBlocks(programme: Programme, c: Cantiere, states: Map<string, ProjectState>, now: Date, lang: Lang, withButtons: boolean): KnownBlock[] {
  const projects = c.projects.filter((p) => !p.archived);
  if (!projects.length) return [];
  const header: KnownBlock = { type: 'header', text: plainText(cantiereTitle(c), BLOCK_LIMITS.header) };
  return [
    header,
    ...projects.map((p) =>
      section(
        projectLine(p.name, states.get(p.id), programme.staleAfterDays, now, lang),
        withButtons ? { accessory: { type: 'button', action_id: HOME_LOG_UPDATE, value: p.id, text: plainText(t(lang, 'slack.logUpdate'), BLOCK_LIMITS.buttonText) } } : {},
      ),
    ),
  ];
}

/** Blocks for the given cantieri: a header each, then one row per project. */
export function boardBlocks(programme: Programme, cantieri: Cantiere[], states: Map<string, ProjectState>, now: Date, lang: Lang, withButtons = true): KnownBlock[] {
  return cantieri.flatMap((c) => cantiereBlocks(programme, c, states, now, lang, withButtons));
}

/** Splits rows into pages of at most `size` blocks, never leaving a cantiere header last on a page. */
export function pageRows(rows: KnownBlock[], size: number): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  for (const row of rows) {
    if (page.length >= size || (row.type === 'header' && page.length >= size - 1)) {
      pages.push(page);
      page = [];
    }
    page.push(row);
  }
  if (page.length || !pages.length) pages.push(page);
  return pages;
}

export function readHomeScope(value: string | undefined): HomeScope {
  try {
    const v = JSON.parse(value ?? '{}');
    return { cantiere: typeof v.cantiere === 'string' && v.cantiere !== ALL ? v.cantiere : null, page: Number.isInteger(v.page) && v.page > 0 ? v.page : 0 };
  } catch {
    return { cantiere: null, page: 0 };
  }
}
const scopeValue = (scope: HomeScope) => JSON.stringify({ cantiere: scope.cantiere ?? ALL, page: scope.page });

/** The cantiere selector: every cantiere, or one (Slack allows 100 options). */
function scopeSelector(cantieri: Cantiere[], scope: HomeScope, lang: Lang): KnownBlock {
  const option = (id: string | null, label: string) => ({ text: plainText(label, 75), value: scopeValue({ cantiere: id, page: 0 }) });
  const options = [option(null, t(lang, 'slack.allCantieri')), ...cantieri.slice(0, 99).map((c) => option(c.id, cantiereTitle(c)))];
  const initial = options.find((o) => o.value === scopeValue({ cantiere: scope.cantiere, page: 0 })) ?? options[0];
  return {
    type: 'actions',
    block_id: 'home_scope',
    elements: [{ type: 'static_select', action_id: HOME_SCOPE_SELECT, placeholder: plainText(t(lang, 'slack.allCantieri'), 150), options, initial_option: initial }],
  } as KnownBlock;
}

/**
 * The App Home view: a cantiere selector, then one compact row per project with its "log update"
 * button, in pages that keep the view within Home's 100 blocks (any number of projects).
 */
export function renderHome(programme: Programme | null, states: Map<string, ProjectState>, now: Date, lang: Lang, scope: HomeScope = { cantiere: null, page: 0 }): HomeView {
  if (!programme) return { type: 'home', blocks: [section(escapeMrkdwn(t(lang, 'slack.noProgramme')))] };
  const cantieri = programme.cantieri.filter((c) => !c.archived);
  const chosen = scope.cantiere ? cantieri.filter((c) => c.id === scope.cantiere) : [];
  const shown = chosen.length ? chosen : cantieri;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plainText(`${t(lang, 'slack.boardTitle')} · ${programme.name}`, BLOCK_LIMITS.header) },
    contextLine(`${programme.staleAfterDays}d → :warning: _${t(lang, 'slack.stale')}_ · \`/regia help\``),
  ];
  if (cantieri.length > 1) blocks.push(scopeSelector(cantieri, { ...scope, cantiere: chosen.length ? scope.cantiere : null }, lang));
  // Room left for the rows, keeping two blocks for the page line and its buttons.
  const pages = pageRows(boardBlocks(programme, shown, states, now, lang), BLOCK_LIMITS.view - blocks.length - 2);
  const page = Math.min(scope.page, pages.length - 1);
  blocks.push(...pages[page]);
  if (pages.length > 1) {
    const current = { cantiere: chosen.length ? scope.cantiere : null };
    const button = (label: string, to: number) => ({ type: 'button', action_id: `${HOME_PAGE}_${to}`, value: scopeValue({ ...current, page: to }), text: plainText(label, BLOCK_LIMITS.buttonText) });
    blocks.push(contextLine(escapeMrkdwn(t(lang, 'slack.pageOf', { page: page + 1, pages: pages.length }))));
    blocks.push({
      type: 'actions',
      block_id: 'home_pages',
      elements: [...(page > 0 ? [button(`◀ ${t(lang, 'slack.previousPage')}`, page - 1)] : []), ...(page < pages.length - 1 ? [button(`${t(lang, 'slack.nextPage')} ▶`, page + 1)] : [])],
    } as KnownBlock);
  }
  return { type: 'home', blocks };
}
