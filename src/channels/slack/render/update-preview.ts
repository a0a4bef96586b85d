import type { Lang } from '../../../core/types.ts';
import type { KnownBlock } from '../slack-types.ts';
import { t } from '../../../core/texts/index.ts';
import { escapeMrkdwn, fallbackText, fillMrkdwn, mention } from './escape.ts';
import { BLOCK_LIMITS, section, sections } from './limits.ts';
import type { SlackMessage } from './answer-blocks.ts';

export const PREVIEW_SAVE = 'update_preview_save';
export const PREVIEW_EDIT = 'update_preview_edit';
export const PREVIEW_CANCEL = 'update_preview_cancel';

/**
 * The ephemeral preview of an update parsed from a message. Save only appears when the draft is
 * complete; otherwise the problems are listed and Edit opens the form to fix them.
 */
export function renderUpdatePreview(previewId: string, text: string, problems: Record<string, string>, lang: Lang): SlackMessage {
  // The draft's fields are limited by the form (src/core/updates/form.ts), so the text fits the message.
  const blocks: KnownBlock[] = sections(escapeMrkdwn(text)).slice(0, BLOCK_LIMITS.message - 2);
  const issues = Object.values(problems);
  if (issues.length) blocks.push(section(issues.map((p) => `⚠️ ${escapeMrkdwn(p)}`).join('\n')));
  const button = (action_id: string, label: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id,
    value: previewId,
    text: { type: 'plain_text' as const, text: label },
    ...(style ? { style } : {}),
  });
  blocks.push({
    type: 'actions',
    block_id: 'update_preview',
    elements: [
      ...(issues.length ? [] : [button(PREVIEW_SAVE, t(lang, 'common.save'), 'primary')]),
      button(PREVIEW_EDIT, t(lang, 'common.edit')),
      button(PREVIEW_CANCEL, t(lang, 'common.cancel'), 'danger'),
    ],
  });
  return { text: fallbackText(text), blocks };
}

/** The announcement of a saved update in its cantiere's channel: who logged it, then the update as text. */
export function renderUpdateConfirmation(authorUserId: string, previewText: string, lang: Lang): SlackMessage {
  const header = fillMrkdwn((who: string) => t(lang, 'slack.confirmationHeader', { who }), mention(authorUserId));
  return {
    text: `${header}: ${fallbackText(previewText, 2000)}`,
    blocks: [section(`*${header}*`), ...sections(escapeMrkdwn(previewText)).slice(0, BLOCK_LIMITS.message - 1)],
  };
}
