import type { App, MessageShortcut } from '@slack/bolt';
import { t } from '../../../core/texts/index.ts';
import { defaultLang, type SlackDeps } from '../deps.ts';
import { enqueue } from '../../../jobs/queue/store.ts';
import { fileJobs } from '../services/documents.ts';
import { tellUser } from '../services/updates.ts';

export const ADD_TO_REGIA_SHORTCUT = 'add_to_regia';

/** Message shortcut "Add to Regia": the files of that message, added as if shared with Regia by whoever used it. */
export function registerAddToRegiaShortcut(bolt: App, deps: SlackDeps): void {
  bolt.shortcut<MessageShortcut>({ callback_id: ADD_TO_REGIA_SHORTCUT, type: 'message_action' }, async ({ ack, shortcut, client }) => {
    await ack();
    const files = (shortcut.message as { files?: { id: string }[] }).files ?? [];
    if (!files.length) {
      const lang = defaultLang(await deps.app.programme());
      await tellUser(client, shortcut.user.id, t(lang, 'documents.noFiles'));
      return;
    }
    await enqueue(
      deps.app.db,
      fileJobs({
        channel: shortcut.channel.id,
        user: shortcut.user.id,
        ts: shortcut.message.ts,
        threadTs: (shortcut.message as { thread_ts?: string }).thread_ts,
        fileIds: files.map((f) => f.id),
      }),
    );
  });
}
