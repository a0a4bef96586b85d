import type { AppContext } from '../../../app.ts';
import type { Actor, Lang } from '../../../core/types.ts';
import { checkCanLogUpdate } from '../../../core/updates/auth.ts';
import { buildUpdateForm, type UpdatePrefill } from '../../../core/updates/form.ts';
import { formatUpdatePreview } from '../../../core/updates/format.ts';
import { cantiereOf } from '../../../core/updates/projects.ts';
import type { UpdateRecord } from '../../../core/updates/schema.ts';
import { saveUpdate } from '../../../core/updates/store.ts';
import type { Programme } from '../../../programme/model.ts';
import type { SlackDeps } from '../deps.ts';
import { channelLink, escapeMrkdwn, fillMrkdwn } from '../render/escape.ts';
import { renderUpdateModal, type UpdateModalMeta } from '../render/update-modal.ts';
import { renderUpdateConfirmation } from '../render/update-preview.ts';
import type { WebClient } from '../slack-types.ts';
import { t } from '../texts.ts';
import { reportFailure } from './failure.ts';
import { packModalMeta } from './modal-state.ts';

/** `notice` is mrkdwn (it may link the channel); `message` is plain text. */
export type SaveOutcome = { ok: true; updateId: number; notice: string } | { ok: false; message: string };

/** Opens the update modal (from the one shared form definition) for `trigger`'s user on a fresh trigger. */
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

/**
 * Stores a validated update on behalf of its author (after the authorisation check), posts a
 * short confirmation in the cantiere's channel, and returns what to tell the author.
 */
export async function saveAndAnnounce(
  deps: SlackDeps,
  client: WebClient,
  programme: Programme,
  record: UpdateRecord,
  actor: Actor,
  lang: Lang,
  opts: { source: 'form' | 'message'; sourceText?: string; sourceRef?: string },
): Promise<SaveOutcome> {
  const { app } = deps;
  const allowed = await checkCanLogUpdate(app, actor, record.project, lang);
  if (!allowed.ok) return { ok: false, message: allowed.message };
  const stored = await saveUpdate(app, record, actor, { source: opts.source, sourceRef: opts.sourceRef, sourceText: opts.sourceText });
  const updateId = stored.id;
  const channel = cantiereOf(programme, record.project)?.slackChannel;
  if (!channel) return { ok: true, updateId, notice: escapeMrkdwn(t('savedNoChannel', lang)) };
  const channelLang = programme.language;
  const confirmation = renderUpdateConfirmation(actor.userId, formatUpdatePreview(record, channelLang, programme), channelLang);
  try {
    await client.chat.postMessage({ channel, ...confirmation, unfurl_links: false });
  } catch (err) {
    // The update is stored; only the announcement failed: say so, with a reference.
    let notice = '';
    await reportFailure(app, err, 'posting an update confirmation', lang, async (msg) => (notice = msg), { channel, updateId });
    return { ok: true, updateId, notice: `${escapeMrkdwn(t('savedNoChannel', lang).split('.')[0])}. ${notice}` };
  }
  return { ok: true, updateId, notice: fillMrkdwn(t('savedAuthor', lang), channelLink(channel)) };
}

/** Tells a person something privately (`text` is mrkdwn): a DM from the bot (chat.postMessage to the user id). */
export async function tellUser(client: WebClient, userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: userId, text });
}
