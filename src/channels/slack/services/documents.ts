import type { AppContext } from '../../../app.ts';
import { addSharedDocument, DownloadError, type SharedFile } from '../../../../ingest/shared.ts';
import { t } from '../../../core/texts/index.ts';
import { downloadFile } from '../../download.ts';
import { cantiereForChannel, defaultLang, type SlackDeps } from '../deps.ts';
import type { WebClient } from '../slack-types.ts';
import { reportFailure } from './failure.ts';
import type { NewJob } from '../../../jobs/queue/store.ts';
import type { JobContext } from '../../../jobs/queue/worker.ts';
import { slackActor } from './people.ts';

/** Files shared with Regia in one message: a DM, a channel message mentioning it, or the "Add to Regia" shortcut. */
export interface FileShare {
  channel: string;
  user: string;
  /** The message holding the files; replies go in its thread. */
  ts: string;
  threadTs?: string;
  fileIds: string[];
}

/** A Slack file as the core sees it: files.info for name and size, the private URL with the bot token for the bytes. */
async function slackFile(client: WebClient, fileId: string): Promise<SharedFile> {
  const { file } = await client.files.info({ file: fileId });
  if (!file?.name) throw new DownloadError(`files.info gave no file for ${fileId}`);
  const url = file.url_private_download ?? file.url_private;
  return {
    name: file.name,
    size: typeof file.size === 'number' ? file.size : null,
    download: async (maxBytes) => {
      if (!url) throw new DownloadError('Slack gave no download address');
      return downloadFile(url, { headers: { Authorization: `Bearer ${client.token}` }, maxBytes });
    },
  };
}

async function addOne(app: AppContext, client: WebClient, share: FileShare, fileId: string): Promise<void> {
  const programme = await app.programme();
  const lang = defaultLang(programme);
  const threadTs = share.threadTs ?? share.ts;
  let progressTs: string | undefined;
  const say = async (text: string) => {
    if (progressTs) await client.chat.update({ channel: share.channel, ts: progressTs, text });
    else await client.chat.postMessage({ channel: share.channel, thread_ts: threadTs, text });
  };
  try {
    const actor = await slackActor(client, share.user);
    const file = await slackFile(client, fileId).catch((err) => {
      if (err instanceof DownloadError) throw err;
      throw new DownloadError((err as Error).message);
    });
    const outcome = await addSharedDocument(app, file, {
      actor,
      cantiereId: cantiereForChannel(programme, share.channel),
      origin: { platform: 'slack', file: fileId, channel: share.channel, ts: share.ts },
      lang,
      onStart: async (name) => {
        const res = await client.chat.postMessage({ channel: share.channel, thread_ts: threadTs, text: t(lang, 'documents.reading', { name }) });
        progressTs = res.ts;
      },
    });
    await say(outcome.message);
  } catch (err) {
    await reportFailure(app, err, 'adding a shared document', lang, say, { file: fileId, channel: share.channel });
  }
}

/** The job kind of one shared file to add (run by the queue's workers). */
export const FILE_JOB = 'slack.file';

/** One job per file of the message; the confirmation goes in the message's thread. */
export function fileJobs(share: FileShare): NewJob[] {
  return share.fileIds.map((fileId) => ({ kind: FILE_JOB, payload: { share, fileId } }));
}

/** A queued file: read and added (the same content twice adds nothing, so a re-run is harmless). */
export function addFileJob(deps: SlackDeps, client: WebClient, job: JobContext<{ share: FileShare; fileId: string }>): Promise<void> {
  return addOne(deps.app, client, job.payload.share, job.payload.fileId);
}
