import type { App, BlockButtonAction } from '@slack/bolt';
import { validateUpdateForm } from '../../../core/updates/form.ts';
import type { SlackDeps } from '../deps.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import { PREVIEW_SAVE } from '../render/update-preview.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';
import { restorePreview, settleDialog, takePreview } from '../services/previews.ts';
import { saveAndAnnounce } from '../services/updates.ts';
import { t } from '../texts.ts';

/** Save on an update preview: the draft is stored once (the preview is taken, then saved). */
export function registerPreviewSave(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(PREVIEW_SAVE, async ({ ack, action, body, respond, client }) => {
    await ack();
    const { app } = deps;
    const userId = body.user.id;
    const preview = await takePreview(app, action.value ?? '', userId);
    if (!preview) {
      await respond({ response_type: 'ephemeral', replace_original: true, text: escapeMrkdwn(t('previewExpired', (await app.programme())?.language ?? 'it')) });
      return;
    }
    const lang = preview.lang;
    try {
      const programme = await app.programme();
      if (!programme) throw new Error('no programme loaded');
      const checked = validateUpdateForm(programme, preview.draft, lang);
      if (!checked.ok) {
        await restorePreview(app, action.value ?? '', userId, preview);
        await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(Object.values(checked.errors).map((e) => `⚠️ ${e}`).join('\n')) });
        return;
      }
      const actor = await slackActor(client, userId, body.user.name);
      const outcome = await saveAndAnnounce(deps, client, programme, checked.value, actor, lang, {
        source: 'message',
        sourceText: preview.sourceText,
        sourceRef: preview.sourceRef,
      });
      if (!outcome.ok) {
        await restorePreview(app, action.value ?? '', userId, preview);
        await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(`⛔ ${outcome.message}`) });
        return;
      }
      await settleDialog(app, userId, preview);
      await respond({ response_type: 'ephemeral', replace_original: true, text: `✅ ${outcome.notice}` });
    } catch (err) {
      await restorePreview(app, action.value ?? '', userId, preview).catch(() => {});
      await reportFailure(app, err, 'saving an update preview', lang, (text) => respond({ response_type: 'ephemeral', replace_original: false, text }));
    }
  });
}
