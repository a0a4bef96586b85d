import type { App } from '@slack/bolt';
import { buildUpdateForm } from '../../../core/updates/form.ts';
import { checkUpdate, commitUpdate } from '../../../core/updates/save.ts';
import type { SlackDeps } from '../deps.ts';
import { readModalValues, renderUpdateModal, UPDATE_MODAL_CALLBACK } from '../render/update-modal.ts';
import { buildIndicatorStep } from '../../../core/indicators/form-step.ts';
import { packStepMeta } from './indicator-step-submission.ts';
import { unpackModalMeta } from '../services/modal-state.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';
import { settleDialog, takePreview, type UpdatePreview } from '../services/previews.ts';
import { savedNotice, tellUser, unsavedNotice } from '../services/updates.ts';
import { t } from '../../../core/texts/index.ts';

/**
 * Submission of the update modal: validation and authorisation errors go back on the fields
 * (`response_action: errors`, the modal stays open); a valid update closes it (or, when the project
 * has indicators its author may log, turns it into that optional step) and goes through the one save path (stored once, announced in the cantiere's channel); the author is told where by DM.
 */
export function registerUpdateSubmission(bolt: App, deps: SlackDeps): void {
  bolt.view(UPDATE_MODAL_CALLBACK, async ({ ack, body, view, client }) => {
    const { app } = deps;
    const programme = await app.programme();
    const meta = await unpackModalMeta(app, view.private_metadata, body.user.id, programme?.language ?? 'it');
    const lang = meta.lang;
    if (!programme) return ack({ response_action: 'errors', errors: { project: t(lang, 'slack.noProgramme') } });
    const actor = await slackActor(client, body.user.id, body.user.name);
    const values = readModalValues(view.state, buildUpdateForm(programme, lang));
    const checked = await checkUpdate(app, { actor, lang, values });
    if (!checked.ok) {
      const errors = checked.reason === 'invalid' ? checked.errors : { project: checked.reason === 'refused' ? checked.message : t(lang, 'slack.noProgramme') };
      return ack({ response_action: 'errors', errors: errors as Record<string, string> });
    }
    // An edited preview is consumed here, so neither a second submission nor its Save button can store it again.
    const preview: UpdatePreview | null = meta.previewId ? await takePreview(app, meta.previewId, body.user.id) : null;
    if (meta.previewId && !preview) {
      return ack({ response_action: 'errors', errors: { summary: t(lang, 'slack.previewExpired') } });
    }
    // The form's optional second step, the project's indicators, replaces the closed form.
    const step = await buildIndicatorStep(app, actor, checked.record.project, lang);
    const stepView = step && renderUpdateModal({ ...step, intro: `${t(lang, 'indicators.step.sent')} ${step.intro}` }, packStepMeta({ lang, project: step.projectId }));
    await ack(stepView ? { response_action: 'update', view: stepView } : undefined);
    try {
      if (preview) await settleDialog(app, body.user.id, preview);
      const result = await commitUpdate(app, deps.outbound, checked, {
        actor,
        lang,
        values,
        source: meta.source,
        sourceText: meta.sourceText,
        sourceRef: meta.sourceRef ?? `slack:view:${view.id}`,
        onceKey: `view:${view.id}`,
      });
      await tellUser(client, body.user.id, result.ok ? `✅ ${savedNotice(result, lang)}` : unsavedNotice(result, lang));
    } catch (err) {
      await reportFailure(app, err, 'saving an update from the form', lang, (text) => tellUser(client, body.user.id, text), { view: view.id });
    }
  });
}
