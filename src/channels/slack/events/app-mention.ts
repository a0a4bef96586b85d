import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { claimOf } from '../middleware/dedupe.ts';
import { inboundOf, queueMessage } from '../services/conversation.ts';

/** "@regia ..." in a channel: queued, then answered in the thread (DMs come through direct-message.ts). */
export function registerAppMention(bolt: App, _deps: SlackDeps): void {
  bolt.event('app_mention', async ({ event, context }) => {
    // A mention carrying files is a document to add (file-shared.ts), not a question.
    if (!event.user || event.channel.startsWith('D') || event.files?.length) return;
    await queueMessage(claimOf(context), inboundOf({ ...event, user: event.user }, { teamId: context.teamId }));
  });
}
