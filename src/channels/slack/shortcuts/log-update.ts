import type { App, MessageShortcut } from '@slack/bolt';
import { extractUpdateCommand, parseUpdateMessage, parseUpdateOffline } from '../../../core/updates/parse.ts';
import type { UpdatePrefill } from '../../../core/updates/form.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { defaultLang } from '../deps.ts';
import { reportFailure } from '../services/failure.ts';
import { openUpdateModal, tellUser } from '../services/updates.ts';
import { detectLang } from '../../../core/language.ts';
import { t } from '../../../core/texts/index.ts';

export const LOG_UPDATE_SHORTCUT = 'log_update';

/** Message shortcut "Log as progress update": the modal, prefilled by parsing the message. */
export function registerLogUpdateShortcut(bolt: App, deps: SlackDeps): void {
  bolt.shortcut<MessageShortcut>({ callback_id: LOG_UPDATE_SHORTCUT, type: 'message_action' }, async ({ ack, shortcut, client }) => {
    await ack();
    const { app } = deps;
    const programme = await app.programme();
    const text = shortcut.message.text ?? '';
    const lang = detectLang(text, defaultLang(programme));
    try {
      if (!programme) return await tellUser(client, shortcut.user.id, escapeMrkdwn(t(lang, 'slack.noProgramme')));
      // The trigger expires after 3 s: a slow model must not make the modal fail to open.
      const parsed = await Promise.race([
        parseUpdateMessage(app, text, { lang }),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000).unref()),
      ]);
      const prefill: UpdatePrefill = {
        ...(parsed ?? parseUpdateOffline(programme, extractUpdateCommand(text) ?? text, { now: new Date(), timeZone: programme.timezone })),
      };
      await openUpdateModal(app, client, { triggerId: shortcut.trigger_id, userId: shortcut.user.id }, programme, lang, prefill, {
        source: 'message',
        sourceText: text,
        sourceRef: `slack:${shortcut.channel.id}:${shortcut.message.ts}`,
      });
    } catch (err) {
      await reportFailure(app, err, 'opening the update form from a message', lang, (msg) => tellUser(client, shortcut.user.id, msg));
    }
  });
}
