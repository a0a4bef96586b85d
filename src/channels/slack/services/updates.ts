import type { AppContext } from '../../../app.ts';
import { packModalMeta } from './modal-state.ts';
import type { Lang } from '../../../core/types.ts';
import { buildUpdateForm, type UpdatePrefill } from '../../../core/updates/form.ts';
import type { SaveResult } from '../../../core/updates/save.ts';
import type { Programme } from '../../../programme/model.ts';
import { renderUpdateModal, type UpdateModalMeta } from '../render/update-modal.ts';
import type { WebClient } from '../slack-types.ts';
import { t } from '../../../core/texts/index.ts';

/** Opens the update modal (from the one shared form definition) on a fresh trigger. */
export async function openUpdateModal(
  app: AppContext,
  client: WebClient,
  trigger: { triggerId: string; userId: string },
  programme: Programme,
  lang: Lang,
  prefill: UpdatePrefill,
  meta: Omit<UpdateModalMeta, 'lang'>,
): Promise<void> {
  const form = buildUpdateForm(programme, lang, prefill);
  const privateMetadata = await packModalMeta(app, trigger.userId, { ...meta, lang });
  await client.views.open({ trigger_id: trigger.triggerId, view: renderUpdateModal(form, privateMetadata) });
}

/** What the author is told once their update is stored: where it was announced, or why not. */
export function savedNotice(result: Extract<SaveResult, { ok: true }>, lang: Lang): string {
  const a = result.announced;
  if (a.posted) return t(lang, 'slack.savedAuthor', { where: `<#${a.conversationId}>` });
  if (a.why === 'failed') return `${t(lang, 'slack.savedNoChannel').split('.')[0]}. ${t(lang, 'slack.failure', { ref: a.ref })}`;
  return t(lang, 'slack.savedNoChannel');
}

/** Why an update was not stored, as one message (field problems one per line). */
export function unsavedNotice(result: Exclude<SaveResult, { ok: true }>, lang: Lang): string {
  switch (result.reason) {
    case 'no_programme':
      return `⛔ ${t(lang, 'slack.noProgramme')}`;
    case 'invalid':
      return Object.values(result.errors).map((e) => `⚠️ ${e}`).join('\n');
    case 'refused':
      return `⛔ ${result.message}`;
    case 'duplicate':
      return t(lang, 'slack.previewExpired');
  }
}

/** Tells a person something privately: a DM from the bot (chat.postMessage to the user id). */
export async function tellUser(client: WebClient, userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: userId, text });
}
