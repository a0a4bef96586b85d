import type { App } from '@slack/bolt';
import { buildIndicatorStep, saveIndicatorStep } from '../../../core/indicators/form-step.ts';
import type { Lang } from '../../../core/types.ts';
import type { SlackDeps } from '../deps.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import { INDICATOR_STEP_CALLBACK, readModalValues } from '../render/update-modal.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';
import { tellUser } from '../services/updates.ts';

/** What the indicators step remembers: the language and the project (nothing that grants a right). */
export interface IndicatorStepMeta {
  lang: Lang;
  project: string;
}

export const packStepMeta = (meta: IndicatorStepMeta): string => JSON.stringify(meta);

function readStepMeta(raw: string | undefined, fallback: Lang): IndicatorStepMeta | null {
  try {
    const m = JSON.parse(raw || '{}');
    return typeof m.project === 'string' ? { lang: m.lang === 'en' || m.lang === 'it' ? m.lang : fallback, project: m.project } : null;
  } catch {
    return null;
  }
}

/**
 * Submission of the update form's indicators step. The step is rebuilt for the submitter, so only
 * indicators they may log are read, whatever the view carries; bad figures go back on their fields.
 */
export function registerIndicatorStepSubmission(bolt: App, deps: SlackDeps): void {
  bolt.view(INDICATOR_STEP_CALLBACK, async ({ ack, body, view, client }) => {
    const { app } = deps;
    const programme = await app.programme();
    const meta = readStepMeta(view.private_metadata, programme?.language ?? 'it');
    const actor = await slackActor(client, body.user.id, body.user.name);
    const form = meta ? await buildIndicatorStep(app, actor, meta.project, meta.lang) : null;
    if (!meta || !form) return ack();
    const tell = (text: string) => tellUser(client, body.user.id, text);
    let acked = false;
    try {
      const result = await saveIndicatorStep(app, form, {
        actor,
        lang: meta.lang,
        values: readModalValues(view.state, form),
        sourceRef: `slack:view:${view.id}`,
        onceKey: `view:${view.id}`,
      });
      if (!result.ok && result.reason === 'invalid') {
        acked = true;
        return await ack({ response_action: 'errors', errors: result.errors });
      }
      acked = true;
      await ack();
      if (result.ok) await tell(`✅ ${escapeMrkdwn(result.text)}`);
    } catch (err) {
      if (!acked) await ack();
      await reportFailure(app, err, 'saving indicator values from the form', meta.lang, tell, { view: view.id });
    }
  });
}
