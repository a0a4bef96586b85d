import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { addSharedFiles } from '../services/documents.ts';

/**
 * Files shared with Regia: in its DM (a message.im with subtype file_share), or in a channel
 * with Regia mentioned (an app_mention carrying files; app-mention.ts leaves those to this file).
 */
export function registerFileShared(bolt: App, deps: SlackDeps): void {
  bolt.message(async ({ message, client }) => {
    if (message.subtype !== 'file_share' || message.channel_type !== 'im' || !message.user || !message.files?.length) return;
    addSharedFiles(deps, client, {
      channel: message.channel,
      user: message.user,
      ts: message.ts,
      threadTs: message.thread_ts,
      fileIds: message.files.map((f) => f.id),
    });
  });
  bolt.event('app_mention', async ({ event, client }) => {
    if (!event.user || !event.files?.length || event.channel.startsWith('D')) return;
    addSharedFiles(deps, client, { channel: event.channel, user: event.user, ts: event.ts, threadTs: event.thread_ts, fileIds: event.files.map((f) => f.id) });
  });
}
