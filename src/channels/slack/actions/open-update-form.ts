import type { App, BlockButtonAction } from '@slack/bolt';
import { projectById } from '../../../core/updates/projects.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { OPEN_UPDATE_FORM_ACTION } from '../render/digest.ts';
import { HOME_LOG_UPDATE } from '../render/status-board.ts';
import { reportFailure } from '../services/failure.ts';
import { openUpdateModal, tellUser } from '../services/updates.ts';
import { t } from '../../../core/texts/index.ts';

/** "Log update" buttons (App Home board, weekly digest): the modal, prefilled with the project. */
export function registerOpenUpdateForm(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(new RegExp(`^(${HOME_LOG_UPDATE}|${OPEN_UPDATE_FORM_ACTION})$`), async ({ ack, action, body, client }) => {
    await ack();
    const programme = await deps.app.programme();
    const lang = programme?.language ?? 'it';
    try {
      if (!programme) return await tellUser(client, body.user.id, escapeMrkdwn(t(lang, 'slack.noProgramme')));
      const project = action.value ? projectById(programme, action.value) : null;
      await openUpdateModal(deps.app, client, { triggerId: body.trigger_id, userId: body.user.id }, programme, lang, project ? { project: project.id } : {}, { source: 'form' });
    } catch (err) {
      await reportFailure(deps.app, err, 'opening the update form', lang, (text) => tellUser(client, body.user.id, text));
    }
  });
}
