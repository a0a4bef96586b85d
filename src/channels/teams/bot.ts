import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AppContext } from '../../app.ts';
import type { OutboundChannel } from '../../core/outbound/channel.ts';
import { firstDelivery } from './dedupe.ts';
import { cardActionOf, onCardAction } from './listeners/card-action.ts';
import { onConversationUpdate, onInstallationUpdate } from './listeners/install.ts';
import { queueActivity } from './queued.ts';
import { saveReference } from './refs.ts';
import { replyToCardAction } from './replies.ts';

/**
 * One turn: drop redeliveries, remember the conversation, hand the activity to its listener. A
 * message (a question, an update, a command, files) is queued and handled by the queue's workers
 * (listeners/message.ts); card actions are answered in the turn (an invoke's reply is its HTTP response).
 */
export function createTurnHandler(app: AppContext, outbound: OutboundChannel): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const { activity } = context;
    switch (activity.type) {
      case ActivityTypes.Message:
      case ActivityTypes.Invoke: {
        const action = cardActionOf(context);
        if (activity.type === ActivityTypes.Message && !action) {
          // The first word from a conversation is also its address for proactive posts.
          await saveReference(app.db, activity);
          if (!(await queueActivity(app, activity))) app.log.debug({ id: activity.id, conversation: activity.conversation?.id }, 'teams: redelivered activity dropped');
          return;
        }
        if (!(await firstDelivery(app.db, activity))) {
          app.log.debug({ id: activity.id, conversation: activity.conversation?.id }, 'teams: redelivered activity dropped');
          if (activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
          return;
        }
        await saveReference(app.db, activity);
        if (action) {
          await replyToCardAction(context, await onCardAction(app, outbound, context, action));
        } else if (activity.name === 'adaptiveCard/action') {
          // A card action that is not one of Regia's (no verb, a garbage value): the sender's mistake.
          await context.sendActivity({ type: 'invokeResponse', value: { status: 400, body: { error: 'not an action of a Regia card' } } });
        } else {
          // Invokes Regia does not handle (e.g. message extensions) get a clear "not implemented".
          await context.sendActivity({ type: 'invokeResponse', value: { status: 501 } });
        }
        return;
      }
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(app, context);
      case ActivityTypes.InstallationUpdate:
        return onInstallationUpdate(app, context);
      default:
        return;
    }
  };
}
