import type { App, BlockButtonAction } from '@slack/bolt';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { PREVIEW_EDIT } from '../render/update-preview.ts';
import { reportFailure } from '../services/failure.ts';
import { readPreview } from '../services/previews.ts';
import { openUpdateModal } from '../services/updates.ts';
import { t } from '../../../core/texts/index.ts';

/** Edit on an update preview: the modal, prefilled with the draft; saving it consumes the preview. */
export function registerPreviewEdit(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(PREVIEW_EDIT, async ({ ack, action, body, respond, client }) => {
    await ack();
    const { app } = deps;
    const previewId = action.value ?? '';
    const [preview, programme] = await Promise.all([readPreview(app, previewId, body.user.id), app.programme()]);
    const lang = preview?.lang ?? programme?.language ?? 'it';
    if (!preview || !programme) {
      await respond({ response_type: 'ephemeral', replace_original: true, text: escapeMrkdwn(t(lang, 'slack.previewExpired')) });
      return;
    }
    try {
      await openUpdateModal(app, client, { triggerId: body.trigger_id, userId: body.user.id }, programme, lang, { ...preview.draft }, {
        source: 'message',
        sourceText: preview.sourceText,
        sourceRef: preview.sourceRef,
        previewId,
      });
    } catch (err) {
      await reportFailure(app, err, 'opening the update form', lang, (text) => respond({ response_type: 'ephemeral', replace_original: false, text }));
    }
  });
}
