import express, { type Express } from 'express';
import type { Activity, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { AppContext } from '../../app.ts';
import type { Channel, Destination, OutboundMessage } from '../channel.ts';
import { activityProblem } from './activity-shape.ts';
import { createTeamsAdapter } from './adapter.ts';
import { createTurnHandler } from './bot.ts';
import type { AdaptiveCard } from './cards/adaptive.ts';
import { findPersonalReference, findReference, latestReference, saveReference } from './refs.ts';
import { cardMessage } from './send.ts';

/** The Bot Framework endpoint Teams calls; DESIGN.md's command-line contract names it. */
export const TEAMS_ROUTE = '/api/messages';

/** The audience of the public Bot Framework cloud (outbound calls to Teams). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** Thrown by `send` when Regia has no way to reach the destination (never installed there). */
export class TeamsDestinationError extends Error {}

/**
 * Microsoft Teams through botbuilder's CloudAdapter: `/api/messages` on the shared server, and
 * proactive posts to the conversation references stored when the app was installed or first
 * spoken to. Always on: without MicrosoftAppId it runs open for local development (and warns).
 */
export function createTeamsChannel(app: AppContext): Channel {
  const adapter = createTeamsAdapter(app.config.teams, app.log);
  const onTurn = createTurnHandler(app);
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

  return {
    platform: 'teams',
    mount(http: Express) {
      // JSON bodies for this route only: Slack's receiver needs its raw body to check signatures.
      http.post(TEAMS_ROUTE, express.json({ limit: '1mb' }), async (req, res) => {
        const problem = activityProblem(req.body);
        if (problem) {
          res.status(400).json({ error: problem });
          return;
        }
        try {
          await adapter.process(req, res, onTurn);
        } catch (err) {
          app.log.error({ err }, 'teams: request failed');
          if (!res.headersSent) res.status(500).end();
        }
      });
    },
    async send(to: Destination, message: OutboundMessage): Promise<string> {
      const activity: Partial<Activity> = message.teamsCard
        ? cardMessage(message.teamsCard as AdaptiveCard, message.text)
        : { type: 'message', text: message.text };
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
    },
  };
}
