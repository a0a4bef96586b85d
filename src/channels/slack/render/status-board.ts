import type { Lang } from '../../../core/types.ts';
import { isStale } from '../../../core/updates/stale.ts';
import { STATUS_LABELS, type UpdateStatus } from '../../../core/updates/schema.ts';
import type { Cantiere, Programme } from '../../../programme/model.ts';
import type { HomeView, KnownBlock } from '../slack-types.ts';
import { t } from '../texts.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

export const HOME_LOG_UPDATE = 'home_log_update';
const HOME_BLOCKS_MAX = 100;

/** The latest state of one project, as the board shows it. */
export interface ProjectState {
  status: UpdateStatus;
  progress: number | null;
  /** When the latest update was logged. */
  at: Date;
}

const STATUS_EMOJI: Record<UpdateStatus, string> = {
  not_started: ':white_circle:',
  on_track: ':large_green_circle:',
  at_risk: ':large_orange_circle:',
  blocked: ':red_circle:',
  done: ':white_check_mark:',
};

export function ageText(days: number, lang: Lang): string {
  if (days <= 0) return lang === 'it' ? 'oggi' : 'today';
  if (days === 1) return lang === 'it' ? 'ieri' : 'yesterday';
  return lang === 'it' ? `${days} giorni fa` : `${days} days ago`;
}

/** One project's line: status, progress, age of the last update, stale marker. */
export function projectLine(name: string, state: ProjectState | undefined, staleAfterDays: number, now: Date, lang: Lang): string {
  const title = `*${escapeMrkdwn(name)}*`;
  if (!state) return `${title}\n:grey_question: ${t('neverUpdated', lang)} · :warning: _${t('stale', lang)}_`;
  const days = Math.floor((now.getTime() - state.at.getTime()) / 86_400_000);
  const parts = [`${STATUS_EMOJI[state.status]} ${STATUS_LABELS[state.status][lang]}`];
  if (state.progress !== null) parts.push(`${state.progress}%`);
  parts.push(ageText(days, lang));
  if (isStale(state.at, now, staleAfterDays)) parts.push(`:warning: _${t('stale', lang)}_`);
  return `${title}\n${parts.join(' · ')}`;
}

/** Blocks for the given cantieri: a header each, then one section per project with a "log update" button. */
export function boardBlocks(programme: Programme, cantieri: Cantiere[], states: Map<string, ProjectState>, now: Date, lang: Lang, withButtons = true): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const c of cantieri) {
    const projects = c.projects.filter((p) => !p.archived);
    if (!projects.length) continue;
    blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(`Cantiere ${c.number} · ${c.name}`, 150), emoji: true } });
    for (const p of projects) {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(projectLine(p.name, states.get(p.id), programme.staleAfterDays, now, lang), 3000) },
        ...(withButtons
          ? { accessory: { type: 'button', action_id: HOME_LOG_UPDATE, value: p.id, text: { type: 'plain_text', text: t('logUpdate', lang), emoji: true } } }
          : {}),
      });
    }
    blocks.push({ type: 'divider' });
  }
  return blocks;
}

/**
 * The App Home view. A large programme that would exceed Home's 100 blocks gets one compact
 * section per cantiere instead of one per project.
 */
export function renderHome(programme: Programme | null, states: Map<string, ProjectState>, now: Date, lang: Lang): HomeView {
  if (!programme) return { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t('noProgramme', lang) } }] };
  const cantieri = programme.cantieri.filter((c) => !c.archived);
  const intro: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`${t('boardTitle', lang)} · ${programme.name}`, 150), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${programme.staleAfterDays}d → :warning: _${t('stale', lang)}_ · \`/regia help\`` }] },
  ];
  let blocks = [...intro, ...boardBlocks(programme, cantieri, states, now, lang)];
  if (blocks.length > HOME_BLOCKS_MAX) {
    blocks = [...intro];
    for (const c of cantieri) {
      const lines = c.projects.filter((p) => !p.archived).map((p) => projectLine(p.name, states.get(p.id), programme.staleAfterDays, now, lang).replace('\n', ' — '));
      if (!lines.length) continue;
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Cantiere ${c.number} · ${escapeMrkdwn(c.name)}*\n${lines.join('\n')}`, 3000) } });
      if (blocks.length >= HOME_BLOCKS_MAX) break;
    }
  }
  return { type: 'home', blocks };
}
