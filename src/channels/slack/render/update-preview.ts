import type { Lang } from '../../../core/types.ts';
import type { KnownBlock } from '../slack-types.ts';
import { t } from '../texts.ts';
import { escapeMrkdwn, splitText, toMrkdwn, truncate } from './mrkdwn.ts';
import type { SlackMessage } from './answer-blocks.ts';

export const PREVIEW_SAVE = 'update_preview_save';
export const PREVIEW_EDIT = 'update_preview_edit';
export const PREVIEW_CANCEL = 'update_preview_cancel';

/**
 * The ephemeral preview of an update parsed from a message. Save only appears when the draft is
 * complete; otherwise the problems are listed and Edit opens the form to fix them.
 */
export function renderUpdatePreview(previewId: string, text: string, problems: Record<string, string>, lang: Lang): SlackMessage {
  const blocks: KnownBlock[] = splitText(toMrkdwn(text), 3000)
    .slice(0, 20)
    .map((s) => ({ type: 'section', text: { type: 'mrkdwn', text: s } }));
  const issues = Object.values(problems);
  if (issues.length) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(issues.map((p) => `⚠️ ${escapeMrkdwn(p)}`).join('\n'), 3000) } });
  }
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
      ...(issues.length ? [] : [button(PREVIEW_SAVE, t('save', lang), 'primary')]),
      button(PREVIEW_EDIT, t('edit', lang)),
      button(PREVIEW_CANCEL, t('cancel', lang), 'danger'),
    ],
  });
  return { text: truncate(text, 2900), blocks };
}
