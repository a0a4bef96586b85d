import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app.ts';
import { addSharedDocument, type SharedFile } from '../../../../ingest/shared.ts';
import { t } from '../../../core/texts/index.ts';
import { downloadFile } from '../../download.ts';
import { languageOf } from '../lang.ts';
import { actorOf } from '../people.ts';
import { cantiereOfConversation } from '../refs.ts';

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/**
 * Files attached to a message: Teams describes each with a `file.download.info` attachment whose
 * `downloadUrl` is pre-authenticated and short-lived (1:1 chats with supportsFiles, and channels).
 */
export function sharedFilesOf(context: TurnContext): SharedFile[] {
  return (context.activity.attachments ?? [])
    .filter((a) => a.contentType === FILE_DOWNLOAD_INFO && typeof a.content?.downloadUrl === 'string')
    .map((a) => {
      const url: string = a.content.downloadUrl;
      return {
        name: a.name ?? 'document',
        size: null,
        download: (maxBytes: number) => downloadFile(url, { maxBytes }),
      };
    });
}

/** Adds each attached file to Regia, with a progress message updated in place to the outcome. */
export async function onFileAttachments(app: AppContext, context: TurnContext, files: SharedFile[], text: string): Promise<void> {
  const { activity } = context;
  const lang = languageOf(text, activity);
  const actor = actorOf(activity);
  const cantiereId = await cantiereOfConversation(app.db, activity.conversation.id);
  for (const file of files) {
    let progressId: string | undefined;
    const outcome = await addSharedDocument(app, file, {
      actor,
      cantiereId,
      origin: { platform: 'teams', conversation: activity.conversation.id, activity: activity.id, name: file.name },
      lang,
      onStart: async (name) => {
        progressId = (await context.sendActivity(t(lang, 'documents.reading', { name })))?.id;
      },
    });
    if (progressId) await context.updateActivity({ id: progressId, type: 'message', text: outcome.message });
    else await context.sendActivity(outcome.message);
  }
}
