import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { claimOf } from '../middleware/dedupe.ts';
import { inboundOf, queueMessage } from '../services/conversation.ts';

/** A message in the bot's DM (message.im): queued, then answered in the thread, like a mention. */
export function registerDirectMessage(bolt: App, _deps: SlackDeps): void {
  bolt.message(async ({ message, context }) => {
    // Only what a person typed: no edits, deletions, joins or bot messages.
    if (message.channel_type !== 'im' || message.subtype !== undefined) return;
    if (!message.user || message.bot_id || !message.text) return;
    await queueMessage(claimOf(context), inboundOf({ ...message, user: message.user, text: message.text }, { teamId: context.teamId, dm: true }));
  });
}
