import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { claimOf } from '../middleware/dedupe.ts';
import { fileJobs } from '../services/documents.ts';

/**
 * Files shared with Regia: in its DM (a message.im with subtype file_share), or in a channel
 * with Regia mentioned (an app_mention carrying files; app-mention.ts leaves those to this file).
 * Each file is queued with the event's claim and added by a worker.
 */
export function registerFileShared(bolt: App, _deps: SlackDeps): void {
  bolt.message(async ({ message, context }) => {
    if (message.subtype !== 'file_share' || message.channel_type !== 'im' || !message.user || !message.files?.length) return;
    await claimOf(context)(
      fileJobs({ channel: message.channel, user: message.user, ts: message.ts, threadTs: message.thread_ts, fileIds: message.files.map((f) => f.id) }),
    );
  });
  bolt.event('app_mention', async ({ event, context }) => {
    if (!event.user || !event.files?.length || event.channel.startsWith('D')) return;
    await claimOf(context)(fileJobs({ channel: event.channel, user: event.user, ts: event.ts, threadTs: event.thread_ts, fileIds: event.files.map((f) => f.id) }));
  });
}
