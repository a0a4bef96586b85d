import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/adaptive.ts';

/** A message carrying one Adaptive Card; `summary` is the notification/preview text. */
export function cardMessage(card: AdaptiveCard, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary.slice(0, 200);
  return activity;
}

/** What a card click gets back: a new card in place of the old one, or a short text. */
export type CardReply = { card: AdaptiveCard; summary?: string; asNewMessage?: boolean } | { text: string };

/**
 * Answers a card click the way it arrived: an Action.Execute invoke gets the card as its HTTP
 * response body (Teams swaps it in); an Action.Submit message gets the original card updated in
 * place (or a new message when Teams did not say which card it was).
 */
export async function replyToCardAction(context: TurnContext, reply: CardReply): Promise<void> {
  const activity = context.activity;
  if (activity.type === 'invoke' && !('card' in reply && reply.asNewMessage)) {
    const body =
      'card' in reply
        ? { statusCode: 200, type: CARD_CONTENT_TYPE, value: reply.card }
        : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text };
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
    return;
  }
  const message = 'card' in reply ? cardMessage(reply.card, reply.summary) : MessageFactory.text(reply.text);
  if (activity.replyToId && 'card' in reply && !reply.asNewMessage) {
    await context.updateActivity({ ...message, id: activity.replyToId });
  } else {
    await context.sendActivity(message);
  }
  if (activity.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
}
