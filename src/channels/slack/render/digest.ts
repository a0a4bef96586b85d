import { attentionDetail, digestTitle, dueDetail, projectStatusLine, staleDetail, statusIcon, weekLine } from '../../../core/digest/labels.ts';
import { t } from '../../../core/texts/index.ts';
import { reminderIntro } from '../../../core/digest/text.ts';
import type { DigestData, PersonRef } from '../../../core/digest/types.ts';
import type { ReminderData } from '../../../core/outbound/message.ts';
import type { KnownBlock } from '../slack-types.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** The action the Slack adapter handles by opening the update modal (value: a project id, or none). */
export const OPEN_UPDATE_FORM_ACTION = 'open_update_form';

// Block Kit limits: 3000 characters per section text, 150 per header, 50 blocks per message.
const SECTION_MAX = 3000;
const HEADER_MAX = 150;
const BLOCKS_MAX = 50;

type Block = Record<string, unknown>;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function section(text: string, extra: Block = {}): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) }, ...extra };
}

function mention(p: PersonRef): string {
  const account = p.accounts.find((a) => a.platform === 'slack');
  return account ? `<@${account.userId}>` : `*${escapeMrkdwn(p.name)}*`;
}

function button(text: string, value?: string, style?: 'primary'): Block {
  return {
    type: 'button',
    action_id: OPEN_UPDATE_FORM_ACTION,
    text: { type: 'plain_text', text: clip(text, 75), emoji: true },
    ...(value ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

/** The digest as Block Kit blocks for chat.postMessage. */
export function renderDigestSlack(d: DigestData): KnownBlock[] {
  const lang = d.lang;
  const e = escapeMrkdwn;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(digestTitle(d), HEADER_MAX), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: e(weekLine(d)) }] },
  ];
  if (d.summary) blocks.push(section(e(d.summary)));

  const attention = d.attention.length
    ? d.attention.map((a) => `• *${e(a.projectName)}*: ${e(attentionDetail(a, lang))}`).join('\n')
    : t(lang, 'digest.nothingToFlag');
  blocks.push(section(`*⚠️ ${t(lang, 'digest.attention')}*\n${attention}`));
  blocks.push({ type: 'divider' });

  blocks.push(section(`*📊 ${t(lang, 'digest.projects')}*${d.projects.length ? '' : `\n${t(lang, 'digest.noProjects')}`}`));
  // Room for the fixed blocks around the projects (due, stale, actions, dividers).
  const projectRoom = BLOCKS_MAX - blocks.length - 5;
  for (const p of d.projects.slice(0, projectRoom)) {
    const lines = [`${statusIcon(p.status)} *${e(p.name)}*: ${e(projectStatusLine(p, lang))}`];
    if (p.summary) lines.push(`_${t(lang, 'digest.summary')}:_ ${e(p.summary)}`);
    if (p.nextSteps) lines.push(`_${t(lang, 'digest.nextSteps')}:_ ${e(p.nextSteps)}`);
    blocks.push(section(lines.join('\n')));
  }

  if (d.dueSoon.length) {
    blocks.push(
      section(`*📅 ${t(lang, 'digest.dueSoon', { n: d.dueWithinDays })}*\n${d.dueSoon.map((x) => `• *${e(x.projectName)}*: ${e(dueDetail(x, lang))}`).join('\n')}`),
    );
  }
  if (d.stale.length) {
    let text = `*💤 ${t(lang, 'digest.stale', { n: d.staleAfterDays })}*\n${d.stale.map((s) => `• ${e(s.projectName)}: ${e(staleDetail(s, lang))}`).join('\n')}`;
    if (d.teamLeader) text += `\n${t(lang, 'digest.askLeader', { who: mention(d.teamLeader) })}`;
    blocks.push(section(text));
  }
  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'actions',
    block_id: `regia_digest:${d.cantiere.id}:${d.week}`,
    elements: [button(`✏️ ${t(lang, 'digest.logUpdate')}`, undefined, 'primary')],
  });
  return blocks as unknown as KnownBlock[]; // built as plain JSON; Block Kit shapes checked by the tests
}

/** A team leader's reminder: one line per stale project, each with a button opening the update form. */
export function renderReminderSlack(r: ReminderData): KnownBlock[] {
  const lang = r.lang;
  const blocks: Block[] = [section(`*🔔 ${t(lang, 'digest.reminderTitle')}*\n${escapeMrkdwn(reminderIntro(r))}`)];
  for (const s of r.stale.slice(0, BLOCKS_MAX - 1)) {
    blocks.push(
      section(`• *${escapeMrkdwn(s.projectName)}*: ${escapeMrkdwn(staleDetail(s, lang))}`, {
        accessory: button(t(lang, 'digest.update'), s.projectId),
      }),
    );
  }
  return blocks as unknown as KnownBlock[]; // built as plain JSON; Block Kit shapes checked by the tests
}
