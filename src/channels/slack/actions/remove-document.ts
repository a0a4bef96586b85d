import type { App, BlockButtonAction } from '@slack/bolt';
import { removeDocument } from '../../../core/documents/library.ts';
import { defaultLang, type SlackDeps } from '../deps.ts';
import { REMOVE_DOCUMENT } from '../render/documents-list.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';

/** "Remove" on a document of `/regia documents`: admins only; the audit log keeps the removal. */
export function registerRemoveDocument(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(REMOVE_DOCUMENT, async ({ ack, action, body, client, respond }) => {
    await ack();
    const lang = defaultLang(await deps.app.programme());
    try {
      const actor = await slackActor(client, body.user.id);
      const result = await removeDocument(deps.app, Number(action.value), actor, lang);
      await respond({ response_type: 'ephemeral', replace_original: false, text: result.message });
    } catch (err) {
      await reportFailure(deps.app, err, 'removing a document', lang, (text) => respond({ response_type: 'ephemeral', replace_original: false, text }));
    }
  });
}
