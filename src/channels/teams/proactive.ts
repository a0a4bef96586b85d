import type { Activity, CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { AppContext } from '../../app.ts';
import { PermanentDeliveryError, type Destination } from '../../core/outbound/channel.ts';
import type { OutboundMessage } from '../../core/outbound/message.ts';
import { renderOutbound } from './cards/outbound.ts';
import { findPersonalReference, findReference, latestReference, saveReference } from './refs.ts';
import { cardMessage } from './replies.ts';

/** The audience of the public Bot Framework cloud (outbound calls to Teams). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** Regia has no way to reach the destination (the app was never installed there). */
export class TeamsDestinationError extends PermanentDeliveryError {}

/**
 * Proactive posts (digests, reminders, reports): to a stored conversation reference, to a channel
 * through the tenant's service URL, or to a person by opening a 1:1 chat with them.
 */
export function createProactiveSender(app: AppContext, adapter: CloudAdapter): (to: Destination, message: OutboundMessage) => Promise<string> {
  const botAppId = app.config.teams.appId ?? '';

  async function referenceFor(to: Destination): Promise<Partial<ConversationReference> | null> {
    if ('conversationId' in to) {
      const stored = await findReference(app.db, to.conversationId);
      if (stored) return stored.reference;
      // A channel named in the programme file but never spoken in: post through the tenant's
      // service URL and bot identity, as known from any other conversation.
      const any = await latestReference(app.db);
      if (!any) return null;
      app.log.info({ conversation: to.conversationId }, 'teams: no stored reference for this conversation, using the tenant service URL');
      const { conversation, user: _user, ...rest } = any.reference;
      return { ...rest, conversation: { id: to.conversationId, isGroup: true, conversationType: 'channel', tenantId: conversation?.tenantId, name: '' } };
    }
    return (await findPersonalReference(app.db, to.userId))?.reference ?? null;
  }

  return async (to, message) => {
    const { text, card } = renderOutbound(message);
    const activity: Partial<Activity> = card ? cardMessage(card, text) : { type: 'message', text };
    let messageId = '';
    let failure: unknown = null;
    // The adapter hands errors thrown in a turn to onTurnError (which logs them); a proactive
    // post must reject instead, so the caller (e.g. the digest job) knows it did not go out.
    const post = async (context: TurnContext) => {
      try {
        const sent = await context.sendActivity(activity);
        messageId = sent?.id ?? '';
      } catch (err) {
        failure = err;
      }
    };
    const done = () => {
      if (failure) throw failure;
      return messageId;
    };
    const reference = await referenceFor(to);
    if (reference) {
      await adapter.continueConversationAsync(botAppId, reference, post);
      return done();
    }
    const userId = 'userId' in to ? to.userId : null;
    const any = userId ? await latestReference(app.db) : null;
    if (!userId || !any?.reference.serviceUrl) {
      throw new TeamsDestinationError(
        `teams: cannot post to ${JSON.stringify(to)}: Regia has no conversation reference there; install the Regia app in that team or chat first`,
      );
    }
    // A person Regia never chatted with: open the 1:1 chat (the app must be installed for them
    // or in a team they belong to), remember it, and post.
    const tenantId = any.reference.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot: any.reference.bot,
      members: [{ id: userId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    await adapter.createConversationAsync(botAppId, 'msteams', any.reference.serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, async (context) => {
      const ref = context.activity;
      await saveReference(app.db, { ...ref, conversation: { ...ref.conversation, conversationType: 'personal' }, from: { id: userId, name: '' } });
      await post(context);
    });
    return done();
  };
}
