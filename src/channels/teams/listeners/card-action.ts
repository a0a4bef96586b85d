import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import type { Lang } from '../../../core/types.ts';
import { OPEN_UPDATE_FORM_ACTION } from '../../../core/digest/render-teams.ts';
import { checkCanLogUpdate } from '../../../core/updates/auth.ts';
import { formatUpdatePreview } from '../../../core/updates/format.ts';
import { buildUpdateForm, validateUpdateForm, type UpdatePrefill } from '../../../core/updates/form.ts';
import { UPDATE_FIELDS } from '../../../core/updates/schema.ts';
import { clearDialog } from '../../../core/updates/dialog.ts';
import { saveUpdate } from '../../../core/updates/store.ts';
import { loadAnswer, storeFeedback } from '../answers.ts';
import { noticeCard } from '../cards/adaptive.ts';
import { answerCards, FEEDBACK_VERB } from '../cards/answer.ts';
import { UPDATE_CANCEL_VERB, UPDATE_SUBMIT_VERB, updateFormCard } from '../cards/update-form.ts';
import { PREVIEW_CANCEL_VERB, PREVIEW_EDIT_VERB, PREVIEW_SAVE_VERB } from '../cards/update-preview.ts';
import { readCardState, type CardState } from '../card-state.ts';
import { plainCardText } from '../cards/sanitise.ts';
import { actorOf } from '../people.ts';
import type { CardReply } from '../send.ts';
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
    // The digest's "log an update" buttons (Action.Submit with `action`), see core/digest/render-teams.ts.
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
  state: { stateId?: string; sourceText?: string; supersedes?: number },
): Promise<CardReply> {
  const { stateId, sourceText, supersedes } = state;
  const programme = await app.programme();
  if (!programme) return { text: t('noProgramme', lang) };
  const form = buildUpdateForm(programme, lang);
  const checked = validateUpdateForm(programme, values, lang);
  if (!checked.ok) {
    return { card: updateFormCard(form, { values, errors: checked.errors as Record<string, string>, stateId }), summary: form.title };
  }
  const actor = actorOf(context.activity);
  const allowed = await checkCanLogUpdate(app, actor, checked.value.project, lang);
  if (!allowed.ok) {
    return { card: updateFormCard(form, { values, intro: allowed.message, stateId }), summary: allowed.message };
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
  return { card: noticeCard(`✅ ${t('updateSaved', lang)}`, plainCardText(preview), 'good'), summary: t('updateSaved', lang) };
}

export async function onCardAction(app: AppContext, context: TurnContext, action: CardAction): Promise<CardReply> {
  const { verb, data } = action;
  const lang = langOf(data);
  // What the card's buttons refer to: kept server-side (card-state.ts); cards posted before that carry it in their data.
  const kept: CardState = (await readCardState(app, data.state)) ?? { draft: data.draft as CardState['draft'], sourceText: data.sourceText as string, supersedes: data.supersedes as number };
  const stateId = typeof data.state === 'string' ? data.state : undefined;
  const sourceText = typeof kept.sourceText === 'string' && kept.sourceText ? kept.sourceText : undefined;
  const supersedes = Number.isInteger(kept.supersedes) ? kept.supersedes : undefined;
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
      // The buttons sit on the answer's last card: that is the card the thank-you replaces.
      return { card: answerCards(answer, answerId, { feedbackGiven: value }).at(-1)! };
    }
    case UPDATE_SUBMIT_VERB:
      return saveOrRefuse(app, context, formValues(data), lang, { stateId, sourceText, supersedes });
    case PREVIEW_SAVE_VERB:
      return saveOrRefuse(app, context, formValues(kept.draft ?? {}), lang, { stateId, sourceText, supersedes });
    case PREVIEW_EDIT_VERB: {
      const programme = await app.programme();
      if (!programme) return { text: t('noProgramme', lang) };
      const form = buildUpdateForm(programme, lang, formValues(kept.draft ?? {}));
      return { card: updateFormCard(form, { stateId }), summary: form.title };
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

