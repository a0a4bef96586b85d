import { resolvePerson } from '../../../core/identity/person.ts';
import { buildReport } from '../../../core/report/build.ts';
import { t } from '../../../core/texts/index.ts';
import type { Lang } from '../../../core/types.ts';
import { renderReport } from '../../../report/index.ts';
import type { SlackDeps } from '../deps.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import type { WebClient } from '../slack-types.ts';
import { slackActor } from './people.ts';

/**
 * `/regia report` (admins): the steering committee's report as a PDF, uploaded into the admin's
 * DM with Regia (files.uploadV2: an upload URL, the bytes, then the share). Returns the ephemeral
 * answer to the command.
 */
export async function reportToDm(deps: SlackDeps, client: WebClient, userId: string, lang: Lang, now = new Date()): Promise<string> {
  const actor = await slackActor(client, userId);
  if ((await resolvePerson(deps.app.db, actor)).role !== 'admin') return escapeMrkdwn(t(lang, 'report.chatAdminsOnly'));
  const data = await buildReport(deps.app, { now });
  const pdf = await renderReport(data, 'pdf');
  const dm = await client.conversations.open({ users: userId });
  const filename = `regia-report-${now.toISOString().slice(0, 10)}.pdf`;
  await client.files.uploadV2({
    channel_id: dm.channel?.id ?? userId,
    file: pdf,
    filename,
    title: t(lang, 'slack.reportTitle'),
    initial_comment: t(lang, 'slack.reportComment'),
  });
  return escapeMrkdwn(t(lang, 'slack.reportSent'));
}
