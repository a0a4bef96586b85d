import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import type { Lang } from '../../../core/types.ts';
import { OPEN_UPDATE_FORM_ACTION } from '../cards/digest.ts';
import { formatUpdatePreview } from '../../../core/updates/format.ts';
import { buildUpdateForm, type UpdatePrefill } from '../../../core/updates/form.ts';
import { saveEnteredUpdate } from '../../../core/updates/save.ts';
import type { OutboundChannel } from '../../../core/outbound/channel.ts';
import { UPDATE_FIELDS } from '../../../core/updates/schema.ts';
import { clearDialog } from '../../../core/updates/dialog/store.ts';
import { loadAnswer } from '../answers.ts';
import { recordFeedback } from '../../../core/chat/feedback.ts';
import { noticeCard } from '../cards/adaptive.ts';
import { answerCards, FEEDBACK_VERB } from '../cards/answer.ts';
import { plainCardText } from '../cards/sanitise.ts';
import { keepCardState, readCardState, type CardState } from '../card-state.ts';
import { INDICATOR_STEP_SKIP_VERB, INDICATOR_STEP_SUBMIT_VERB, UPDATE_CANCEL_VERB, UPDATE_SUBMIT_VERB, updateFormCard } from '../cards/update-form.ts';
import { indicatorStepCard, stepFor, submitIndicatorStep } from './indicator-step.ts';
import { PREVIEW_CANCEL_VERB, PREVIEW_EDIT_VERB, PREVIEW_SAVE_VERB, type UpdateDraft } from '../cards/update-preview.ts';
import { actorOf } from '../people.ts';
import type { CardReply } from '../replies.ts';
import { t } from '../../../core/texts/index.ts';

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
 * Saves through the one save path, or returns the form again with the field messages next to
 * their fields and every value kept. The same path serves the card form and the preview's Save.
 */
async function saveOrRefuse(
  app: AppContext,
  outbound: OutboundChannel,
  context: TurnContext,
  values: UpdatePrefill,
  lang: Lang,
  sourceText: string | undefined,
  supersedes?: number,
): Promise<CardReply> {
  const programme = await app.programme();
  if (!programme) return { text: t(lang, 'teams.noProgramme') };
  const form = buildUpdateForm(programme, lang);
  const conversationId = context.activity.conversation?.id ?? '';
  const cardRef = context.activity.replyToId;
  const result = await saveEnteredUpdate(app, outbound, {
    actor: actorOf(context.activity),
    lang,
    values,
    source: sourceText ? 'message' : 'form',
    sourceRef: `teams:${conversationId}${cardRef ? `|${cardRef}` : ''}`,
    sourceText,
    supersedes,
    // One card, one saved update: a double click (or a click on a stale copy) saves nothing twice.
    onceKey: cardRef ? `card|${conversationId}|${cardRef}` : null,
  });
  if (!result.ok) {
    switch (result.reason) {
      case 'invalid':
        return { card: updateFormCard(form, { values, errors: result.errors as Record<string, string>, stateId: await stateOf(app, sourceText, supersedes) }), summary: form.title };
      case 'refused':
        return { card: updateFormCard(form, { values, intro: result.message, stateId: await stateOf(app, sourceText, supersedes) }), summary: result.message };
      case 'duplicate':
        return { card: noticeCard(t(lang, 'teams.alreadySaved')) };
      case 'no_programme':
        return { text: t(lang, 'teams.noProgramme') };
    }
  }
  const a = result.announced;
  const notAnnounced = !a.posted && a.why === 'failed' ? `${t(lang, 'teams.notAnnounced')} ${a.ref}` : '';
  // The form's optional second step, the project's indicators, takes the place of the form.
  const step = await stepFor(app, context, result.stored.project, lang);
  if (step) return indicatorStepCard(step, `✅ ${t(lang, 'teams.updateSaved')} ${notAnnounced}`.trim());
  const preview = formatUpdatePreview(result.stored, lang, programme) + (notAnnounced ? `\n\n${notAnnounced}` : '');
  return { card: noticeCard(`✅ ${t(lang, 'teams.updateSaved')}`, plainCardText(preview), 'good'), summary: t(lang, 'teams.updateSaved') };
}

export async function onCardAction(app: AppContext, outbound: OutboundChannel, context: TurnContext, action: CardAction): Promise<CardReply> {
  const { verb, data } = action;
  const lang = langOf(data);
  // What the card's buttons refer to is kept server-side (card-state.ts); older cards carry it in their data.
  const kept: CardState = (await readCardState(app, data.state)) ?? { draft: data.draft as CardState['draft'], sourceText: data.sourceText as string, supersedes: data.supersedes as number };
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
      if (!answer || !(await recordFeedback(app.db, answerId, 'teams', actorOf(context.activity).userId, value))) return { text: t(lang, 'teams.answerGone') };
      // The buttons sit on the answer's last card: that is the card the thank-you replaces.
      return { card: answerCards(answer, answerId, { feedbackGiven: value }).at(-1)! };
    }
    case UPDATE_SUBMIT_VERB:
      return saveOrRefuse(app, outbound, context, formValues(data), lang, sourceText, supersedes);
    case PREVIEW_SAVE_VERB:
      return saveOrRefuse(app, outbound, context, formValues(kept.draft ?? {}), lang, sourceText, supersedes);
    case PREVIEW_EDIT_VERB: {
      const programme = await app.programme();
      if (!programme) return { text: t(lang, 'teams.noProgramme') };
      const draft = (kept.draft ?? {}) as Partial<UpdateDraft>;
      const form = buildUpdateForm(programme, lang, formValues(draft as Record<string, unknown>));
      return { card: updateFormCard(form, { stateId: await stateOf(app, sourceText, supersedes) }), summary: form.title };
    }
    case OPEN_UPDATE_FORM_ACTION: {
      const programme = await app.programme();
      if (!programme) return { text: t(lang, 'teams.noProgramme') };
      const formLang = typeof data.lang === 'string' ? lang : programme.language;
      const prefill = typeof data.project === 'string' ? { project: data.project } : {};
      const form = buildUpdateForm(programme, formLang, prefill);
      // A new message: the digest or reminder the button sits on stays as it is.
      return { card: updateFormCard(form), summary: form.title, asNewMessage: true };
    }
    case INDICATOR_STEP_SUBMIT_VERB:
      return submitIndicatorStep(app, context, data, lang);
    case INDICATOR_STEP_SKIP_VERB:
      return { card: noticeCard(`✅ ${t(lang, 'teams.updateSaved')}`, undefined, 'good') };
    case UPDATE_CANCEL_VERB:
    case PREVIEW_CANCEL_VERB:
      return { card: noticeCard(t(lang, 'common.updateCancelled')) };
    default:
      return { text: t(lang, 'teams.unknownAction') };
  }
}


/** The message an update came from and the update it revises, kept server-side for the next card. */
async function stateOf(app: AppContext, sourceText: string | undefined, supersedes: number | undefined): Promise<string | undefined> {
  if (!sourceText && !supersedes) return undefined;
  return keepCardState(app, { ...(sourceText ? { sourceText } : {}), ...(supersedes ? { supersedes } : {}) });
}
