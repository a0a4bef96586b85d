import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import { buildIndicatorStep, saveIndicatorStep, type IndicatorStepForm } from '../../../core/indicators/form-step.ts';
import { t } from '../../../core/texts/index.ts';
import type { Lang } from '../../../core/types.ts';
import { noticeCard } from '../cards/adaptive.ts';
import { plainCardText } from '../cards/sanitise.ts';
import { updateFormCard } from '../cards/update-form.ts';
import { actorOf } from '../people.ts';
import type { CardReply } from '../replies.ts';

/** The card field that carries the step's project (the inputs carry the indicators' ids). */
const PROJECT_KEY = 'stepProject';

/** The indicators step card that follows a saved update, with `intro` (the saved notice) on top. */
export function indicatorStepCard(form: IndicatorStepForm, intro: string, extra: { values?: Record<string, unknown>; errors?: Record<string, string> } = {}): CardReply {
  return { card: updateFormCard(form, { intro, ...extra, data: { [PROJECT_KEY]: form.projectId } }), summary: form.title };
}

/** The step for the person who clicked, if the card's project still has indicators they may log. */
export async function stepFor(app: AppContext, context: TurnContext, projectId: unknown, lang: Lang): Promise<IndicatorStepForm | null> {
  return typeof projectId === 'string' ? buildIndicatorStep(app, actorOf(context.activity), projectId, lang) : null;
}

/** The step's Save: the values logged once, or the card again with the problems under their fields. */
export async function submitIndicatorStep(app: AppContext, context: TurnContext, data: Record<string, unknown>, lang: Lang): Promise<CardReply> {
  const form = await stepFor(app, context, data[PROJECT_KEY], lang);
  if (!form) return { card: noticeCard(t(lang, 'indicators.step.nothing')) };
  const conversationId = context.activity.conversation?.id ?? '';
  const cardRef = context.activity.replyToId ?? context.activity.id ?? '';
  const result = await saveIndicatorStep(app, form, {
    actor: actorOf(context.activity),
    lang,
    values: data,
    sourceRef: `teams:${conversationId}|${cardRef}`,
    onceKey: `card|${conversationId}|${cardRef}`,
  });
  if (result.ok) return { card: noticeCard(`✅ ${plainCardText(result.text)}`, undefined, 'good'), summary: result.text };
  if (result.reason === 'duplicate') return { card: noticeCard(t(lang, 'teams.alreadySaved')) };
  return indicatorStepCard(form, '', { values: data, errors: result.errors });
}
