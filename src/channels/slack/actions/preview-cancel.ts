import type { App, BlockButtonAction } from '@slack/bolt';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { PREVIEW_CANCEL } from '../render/update-preview.ts';
import { settleDialog, takePreview } from '../services/previews.ts';
import { t } from '../../../core/texts/index.ts';

/** Cancel on an update preview: the draft is dropped and the preview says so. */
export function registerPreviewCancel(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(PREVIEW_CANCEL, async ({ ack, action, body, respond }) => {
    await ack();
    const preview = await takePreview(deps.app, action.value ?? '', body.user.id);
    if (preview) await settleDialog(deps.app, body.user.id, preview);
    const lang = preview?.lang ?? (await deps.app.programme())?.language ?? 'it';
    await respond({ response_type: 'ephemeral', replace_original: true, text: escapeMrkdwn(preview ? t(lang, 'common.updateCancelled') : t(lang, 'slack.previewExpired')) });
  });
}
