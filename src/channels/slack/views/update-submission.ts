import type { App } from '@slack/bolt';
import { checkCanLogUpdate } from '../../../core/updates/auth.ts';
import { buildUpdateForm, validateUpdateForm } from '../../../core/updates/form.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { readModalValues, UPDATE_MODAL_CALLBACK } from '../render/update-modal.ts';
import { dropModalMeta, unpackModalMeta } from '../services/modal-state.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';
import { settleDialog, takePreview, type UpdatePreview } from '../services/previews.ts';
import { saveAndAnnounce, tellUser } from '../services/updates.ts';
import { t } from '../texts.ts';

/**
 * Submission of the update modal: validation and authorisation errors go back on the fields
 * (`response_action: errors`, the modal stays open); a valid update closes it, is stored, and
 * announced in the cantiere's channel; the author is told where by DM.
 */
export function registerUpdateSubmission(bolt: App, deps: SlackDeps): void {
  bolt.view(UPDATE_MODAL_CALLBACK, async ({ ack, body, view, client }) => {
    const { app } = deps;
    const programme = await app.programme();
    const meta = await unpackModalMeta(app, view.private_metadata, body.user.id, programme?.language ?? 'it');
    const lang = meta.lang;
    if (!programme) return ack({ response_action: 'errors', errors: { project: t('noProgramme', lang) } });
    const form = buildUpdateForm(programme, lang);
    const checked = validateUpdateForm(programme, readModalValues(view.state, form), lang);
    if (!checked.ok) return ack({ response_action: 'errors', errors: checked.errors as Record<string, string> });
    const actor = await slackActor(client, body.user.id, body.user.name);
    const allowed = await checkCanLogUpdate(app, actor, checked.value.project, lang);
    if (!allowed.ok) return ack({ response_action: 'errors', errors: { project: allowed.message } });
    // An edited preview is consumed here, so neither a second submission nor its Save button can store it again.
    let preview: UpdatePreview | null = null;
    if (meta.previewId && !(preview = await takePreview(app, meta.previewId, body.user.id))) {
      return ack({ response_action: 'errors', errors: { summary: t('previewExpired', lang) } });
    }
    await ack();
    try {
      if (preview) await settleDialog(app, body.user.id, preview);
      const outcome = await saveAndAnnounce(deps, client, programme, checked.value, actor, lang, {
        source: meta.source,
        sourceText: meta.sourceText,
        sourceRef: meta.sourceRef ?? `slack:view:${view.id}`,
      });
      if (outcome.ok) await dropModalMeta(app, meta.stateId, body.user.id);
      await tellUser(client, body.user.id, outcome.ok ? `✅ ${outcome.notice}` : escapeMrkdwn(`⛔ ${outcome.message}`));
    } catch (err) {
      await reportFailure(app, err, 'saving an update from the form', lang, (text) => tellUser(client, body.user.id, text), { view: view.id });
    }
  });
}
