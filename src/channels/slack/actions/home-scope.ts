import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { HOME_PAGE, HOME_SCOPE_SELECT, readHomeScope } from '../render/status-board.ts';
import { publishHome } from '../services/board.ts';
import { reportFailure } from '../services/failure.ts';
import { tellUser } from '../services/updates.ts';

/** The Home tab's cantiere selector and page buttons: the board again, for that cantiere and page. */
export function registerHomeScope(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockAction<BlockElementAction>>(new RegExp(`^(${HOME_SCOPE_SELECT}|${HOME_PAGE}_\\d+)$`), async ({ ack, action, body, client }) => {
    await ack();
    const value = action.type === 'static_select' ? action.selected_option?.value : 'value' in action ? (action.value as string | undefined) : undefined;
    try {
      await publishHome(deps, client, body.user.id, readHomeScope(value));
    } catch (err) {
      const lang = (await deps.app.programme())?.language ?? 'it';
      await reportFailure(deps.app, err, 'changing the App Home page', lang, (text) => tellUser(client, body.user.id, text));
    }
  });
}
