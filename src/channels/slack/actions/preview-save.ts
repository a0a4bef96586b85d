import type { App, BlockButtonAction } from '@slack/bolt';
import { saveEnteredUpdate } from '../../../core/updates/save.ts';
import type { SlackDeps } from '../deps.ts';
import { PREVIEW_SAVE } from '../render/update-preview.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';
import { restorePreview, settleDialog, takePreview } from '../services/previews.ts';
import { savedNotice, unsavedNotice } from '../services/updates.ts';
import { t } from '../../../core/texts/index.ts';

/** Save on an update preview: the draft is stored once (the preview is taken, then saved). */
export function registerPreviewSave(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(PREVIEW_SAVE, async ({ ack, action, body, respond, client }) => {
    await ack();
    const { app } = deps;
    const userId = body.user.id;
    const preview = await takePreview(app, action.value ?? '', userId);
    if (!preview) {
      await respond({ response_type: 'ephemeral', replace_original: true, text: t((await app.programme())?.language ?? 'it', 'slack.previewExpired') });
      return;
    }
    const lang = preview.lang;
    try {
      const actor = await slackActor(client, userId, body.user.name);
      const result = await saveEnteredUpdate(app, deps.outbound, {
        actor,
        lang,
        values: preview.draft,
        source: 'message',
        sourceText: preview.sourceText,
        sourceRef: preview.sourceRef,
      });
      if (!result.ok) {
        await restorePreview(app, action.value ?? '', userId, preview);
        await respond({ response_type: 'ephemeral', replace_original: false, text: unsavedNotice(result, lang) });
        return;
      }
      await settleDialog(app, userId, preview);
      await respond({ response_type: 'ephemeral', replace_original: true, text: `✅ ${savedNotice(result, lang)}` });
    } catch (err) {
      await restorePreview(app, action.value ?? '', userId, preview).catch(() => {});
      await reportFailure(app, err, 'saving an update preview', lang, (text) => respond({ response_type: 'ephemeral', replace_original: false, text }));
    }
  });
}
