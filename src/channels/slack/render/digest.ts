import { attentionDetail, DIGEST_EXCERPT_CHARS, digestTitle, dueDetail, indicatorDetail, listHead, projectStatusLine, staleDetail, statusIcon, weekLine } from '../../../core/digest/labels.ts';
import { t } from '../../../core/texts/index.ts';
import { reminderIntro } from '../../../core/digest/text.ts';
import type { DigestData, IndicatorDigest, PersonRef, ProjectDigest } from '../../../core/digest/types.ts';
import type { ReminderData } from '../../../core/outbound/message.ts';
import type { Lang } from '../../../core/types.ts';
import type { KnownBlock } from '../slack-types.ts';
import { clipText, escapeMrkdwn, mention, plainText } from './escape.ts';
import { BLOCK_LIMITS, contextLine, fitItems, section, sections } from './limits.ts';

/** The action the Slack adapter handles by opening the update modal (value: a project id, or none). */
export const OPEN_UPDATE_FORM_ACTION = 'open_update_form';

/** People's and models' text in a digest: cut to the digest's excerpt, escaped. */
const excerpt = (text: string) => escapeMrkdwn(clipText(text, DIGEST_EXCERPT_CHARS));

function person(p: PersonRef): string {
  const account = p.accounts.find((a) => a.platform === 'slack');
  return account ? mention(account.userId).value : `*${escapeMrkdwn(p.name)}*`;
}

function button(text: string, value?: string, style?: 'primary') {
  return {
    type: 'button' as const,
    action_id: OPEN_UPDATE_FORM_ACTION,
    text: plainText(text, BLOCK_LIMITS.buttonText),
    ...(value ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

/** A titled list of lines, at most the digest's list length, then "and N more"; split into sections, nothing cut. */
function listSections<T>(title: string, items: T[], line: (item: T) => string, lang: Lang, extra: string[] = []): KnownBlock[] {
  const { shown, more } = listHead(items);
  const lines = [title, ...shown.map(line), ...(more ? [`_${escapeMrkdwn(t(lang, 'digest.moreItems', { n: more }))}_`] : []), ...extra];
  return sections(lines.join('\n'));
}

function projectBlocks(p: ProjectDigest, lang: Lang): KnownBlock[] {
  const lines = [`${statusIcon(p.status)} *${excerpt(p.name)}*: ${escapeMrkdwn(projectStatusLine(p, lang))}`];
  if (p.summary) lines.push(`_${t(lang, 'digest.summary')}:_ ${excerpt(p.summary)}`);
  if (p.nextSteps) lines.push(`_${t(lang, 'digest.nextSteps')}:_ ${excerpt(p.nextSteps)}`);
  return [section(lines.join('\n'))];
}

/**
 * The digest as Block Kit blocks for chat.postMessage: within 50 blocks and 3,000 characters a
 * section; projects that do not fit end with a visible "and N more" pointing to the board.
 */
export function renderDigestSlack(d: DigestData): KnownBlock[] {
  const lang = d.lang;
  const head: KnownBlock[] = [
    { type: 'header', text: plainText(digestTitle(d), BLOCK_LIMITS.header) } as KnownBlock,
    contextLine(escapeMrkdwn(weekLine(d))),
    ...(d.summary ? sections(escapeMrkdwn(d.summary)) : []),
    ...(d.attention.length
      ? listSections(`*⚠️ ${t(lang, 'digest.attention')}*`, d.attention, (a) => `• *${excerpt(a.projectName)}*: ${excerpt(attentionDetail(a, lang))}`, lang)
      : [section(`*⚠️ ${t(lang, 'digest.attention')}*\n${t(lang, 'digest.nothingToFlag')}`)]),
    { type: 'divider' },
    section(`*📊 ${t(lang, 'digest.projects')}*${d.projects.length ? '' : `\n${t(lang, 'digest.noProjects')}`}`),
  ];

  const tail: KnownBlock[] = [];
  if (d.indicators?.length) {
    const owner = (i: IndicatorDigest) => (i.owner ? ` · ${t(lang, 'digest.reportedBy', { who: person(i.owner) })}` : '');
    tail.push(...listSections(`*📈 ${t(lang, 'digest.indicators')}*`, d.indicators, (i) => `• *${excerpt(i.name)}*: ${escapeMrkdwn(indicatorDetail(i, lang))}${owner(i)}`, lang));
  }
  if (d.dueSoon.length) {
    tail.push(...listSections(`*📅 ${t(lang, 'digest.dueSoon', { n: d.dueWithinDays })}*`, d.dueSoon, (x) => `• *${excerpt(x.projectName)}*: ${escapeMrkdwn(dueDetail(x, lang))}`, lang));
  }
  if (d.stale.length) {
    const ask = d.teamLeader ? [t(lang, 'digest.askLeader', { who: person(d.teamLeader) })] : [];
    tail.push(...listSections(`*💤 ${t(lang, 'digest.stale', { n: d.staleAfterDays })}*`, d.stale, (s) => `• ${excerpt(s.projectName)}: ${escapeMrkdwn(staleDetail(s, lang))}`, lang, ask));
  }
  tail.push({ type: 'divider' });
  tail.push({
    type: 'actions',
    block_id: `regia_digest:${d.cantiere.id}:${d.week}`,
    elements: [button(`✏️ ${t(lang, 'digest.logUpdate')}`, undefined, 'primary')],
  } as KnownBlock);

  const room = BLOCK_LIMITS.message - head.length - tail.length;
  const projects = fitItems(d.projects, room, (p) => projectBlocks(p, lang), (n) => contextLine(escapeMrkdwn(t(lang, 'digest.moreProjects', { n }))));
  return [...head, ...projects, ...tail];
}

/** A team leader's reminder: one line per stale project, each with a button opening the update form. */
export function renderReminderSlack(r: ReminderData): KnownBlock[] {
  const lang = r.lang;
  const intro = section(`*🔔 ${t(lang, 'digest.reminderTitle')}*\n${escapeMrkdwn(reminderIntro(r))}`);
  const rows = fitItems(
    r.stale,
    BLOCK_LIMITS.message - 1,
    (s) => [section(`• *${excerpt(s.projectName)}*: ${escapeMrkdwn(staleDetail(s, lang))}`, { accessory: button(t(lang, 'digest.update'), s.projectId) })],
    (n) => contextLine(escapeMrkdwn(t(lang, 'digest.moreItems', { n }))),
  );
  return [intro, ...rows];
}
