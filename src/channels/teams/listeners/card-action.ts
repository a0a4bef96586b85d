import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import type { Lang } from '../../../core/types.ts';
import { OPEN_UPDATE_FORM_ACTION } from '../cards/digest.ts';
import { checkCanLogUpdate } from '../../../core/updates/auth.ts';
import { formatUpdatePreview } from '../../../core/updates/format.ts';
import { buildUpdateForm, validateUpdateForm, type UpdatePrefill } from '../../../core/updates/form.ts';
import { UPDATE_FIELDS } from '../../../core/updates/schema.ts';
import { clearDialog } from '../../../core/updates/dialog.ts';
import { saveUpdate } from '../../../core/updates/store.ts';
import { loadAnswer, storeFeedback } from '../answers.ts';
import { noticeCard } from '../cards/adaptive.ts';
import { answerCard, FEEDBACK_VERB } from '../cards/answer.ts';
import { UPDATE_CANCEL_VERB, UPDATE_SUBMIT_VERB, updateFormCard } from '../cards/update-form.ts';
import { PREVIEW_CANCEL_VERB, PREVIEW_EDIT_VERB, PREVIEW_SAVE_VERB, type UpdateDraft } from '../cards/update-preview.ts';
import { actorOf } from '../people.ts';
import type { CardReply } from '../replies.ts';
import { t } from '../texts.ts';

/** A click on one of Regia's cards, however it arrived (Action.Execute invoke or Action.Submit message). */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

/** The verb and data of a card click, or null when the activity is not one. */
export function cardActionOf(context: TurnContext): CardAction | null {
  const { activity } = context;
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined)?.action;
    return action?.verb ? { verb: action.verb, data: action.data ?? {} } : null;
  }
  if (activity.type === 'message' && activity.value && typeof activity.value === 'object') {
    const value = activity.value as Record<string, unknown>;
    if (typeof value.verb === 'string') return { verb: value.verb, data: value };
    // The digest's "log an update" buttons (Action.Submit with `action`), see cards/digest.ts.
    if (value.action === OPEN_UPDATE_FORM_ACTION) return { verb: OPEN_UPDATE_FORM_ACTION, data: value };
    return null;
  }
  return null;
}

const langOf = (data: Record<string, unknown>): Lang => (data.lang === 'en' ? 'en' : 'it');

function formValues(data: Record<string, unknown>): UpdatePrefill {
  const out: UpdatePrefill = {};
  for (const id of UPDATE_FIELDS) {
    const v = data[id];
    if (v !== undefined) out[id] = v === null ? null : typeof v === 'number' ? v : String(v);
  }
  return out;
}

/**
 * Saves a valid update, or returns the form again with the field messages next to their fields
 * and every value kept. The same path serves the card form and the preview's Save.
 */
async function saveOrRefuse(
  app: AppContext,
  context: TurnContext,
  values: UpdatePrefill,
  lang: Lang,
  sourceText: string | undefined,
  supersedes?: number,
): Promise<CardReply> {
  const programme = await app.programme();
  if (!programme) return { text: t('noProgramme', lang) };
  const form = buildUpdateForm(programme, lang);
  const checked = validateUpdateForm(programme, values, lang);
  if (!checked.ok) {
    return { card: updateFormCard(form, { values, errors: checked.errors as Record<string, string>, sourceText, supersedes }), summary: form.title };
  }
  const actor = actorOf(context.activity);
  const allowed = await checkCanLogUpdate(app, actor, checked.value.project, lang);
  if (!allowed.ok) {
    return { card: updateFormCard(form, { values, intro: allowed.message, sourceText, supersedes }), summary: allowed.message };
  }
  const conversationId = context.activity.conversation?.id ?? '';
  const cardRef = context.activity.replyToId;
  const claimKey = `card-save|${conversationId}|${cardRef}`;
  // One card, one saved update: a double click (or a click on a stale copy) saves nothing twice.
  if (cardRef) {
    const claimed = await app.db.query(
      `INSERT INTO processed_events (platform, event_id) VALUES ('teams', $1) ON CONFLICT DO NOTHING RETURNING event_id`,
      [claimKey],
    );
    if (!claimed.length) return { card: noticeCard(t('alreadySaved', lang)) };
  }
  let stored;
  try {
    stored = await saveUpdate(app, checked.value, actor, {
      source: sourceText ? 'message' : 'form',
      sourceRef: `teams:${conversationId}${cardRef ? `|${cardRef}` : ''}`,
      sourceText,
      ...(supersedes ? { supersedes } : {}),
    });
  } catch (err) {
    // Not saved after all: the card may be submitted again.
    if (cardRef) await app.db.query(`DELETE FROM processed_events WHERE platform = 'teams' AND event_id = $1`, [claimKey]);
    throw err;
  }
  app.log.info({ update: stored.id, project: checked.value.project, actor: actor.userId }, 'teams: update saved');
  const preview = formatUpdatePreview(checked.value, lang, programme);
  return { card: noticeCard(`✅ ${t('updateSaved', lang)}`, preview, 'good'), summary: t('updateSaved', lang) };
}

export async function onCardAction(app: AppContext, context: TurnContext, action: CardAction): Promise<CardReply> {
  const { verb, data } = action;
  const lang = langOf(data);
  const sourceText = typeof data.sourceText === 'string' && data.sourceText ? data.sourceText : undefined;
  const supersedes = Number.isInteger(data.supersedes) ? (data.supersedes as number) : undefined;
  if ([PREVIEW_SAVE_VERB, PREVIEW_EDIT_VERB, PREVIEW_CANCEL_VERB, UPDATE_SUBMIT_VERB, UPDATE_CANCEL_VERB].includes(verb)) {
    // The card took over from the text dialog the preview came from: a later message must not
    // be read as an answer to "save, edit or cancel?".
    await clearDialog(app, { actor: actorOf(context.activity), conversationId: context.activity.conversation?.id ?? '' });
  }
  switch (verb) {
    case FEEDBACK_VERB: {
      const answerId = Number(data.answerId);
      const value = Number(data.value) === 1 ? 1 : -1;
      const answer = Number.isInteger(answerId) ? await loadAnswer(app.db, answerId) : null;
      if (!answer) return { text: t('answerGone', lang) };
      await storeFeedback(app.db, answerId, actorOf(context.activity).userId, value);
      return { card: answerCard(answer, answerId, { feedbackGiven: value }) };
    }
    case UPDATE_SUBMIT_VERB:
      return saveOrRefuse(app, context, formValues(data), lang, sourceText, supersedes);
    case PREVIEW_SAVE_VERB:
      return saveOrRefuse(app, context, formValues((data.draft ?? {}) as Record<string, unknown>), lang, sourceText, supersedes);
    case PREVIEW_EDIT_VERB: {
      const programme = await app.programme();
      if (!programme) return { text: t('noProgramme', lang) };
      const draft = (data.draft ?? {}) as Partial<UpdateDraft>;
      const form = buildUpdateForm(programme, lang, formValues(draft as Record<string, unknown>));
      return { card: updateFormCard(form, { sourceText, supersedes }), summary: form.title };
    }
    case OPEN_UPDATE_FORM_ACTION: {
      const programme = await app.programme();
      if (!programme) return { text: t('noProgramme', lang) };
      const formLang = typeof data.lang === 'string' ? lang : programme.language;
      const prefill = typeof data.project === 'string' ? { project: data.project } : {};
      const form = buildUpdateForm(programme, formLang, prefill);
      // A new message: the digest or reminder the button sits on stays as it is.
      return { card: updateFormCard(form), summary: form.title, asNewMessage: true };
    }
    case UPDATE_CANCEL_VERB:
    case PREVIEW_CANCEL_VERB:
      return { card: noticeCard(t('updateCancelled', lang)) };
    default:
      return { text: t('unknownAction', lang) };
  }
}

