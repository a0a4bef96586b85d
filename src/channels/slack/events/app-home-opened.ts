import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { publishHome } from '../services/board.ts';
import { reportFailure } from '../services/failure.ts';

/** The App Home tab: the status board, rebuilt each time it is opened. */
export function registerAppHomeOpened(bolt: App, deps: SlackDeps): void {
  bolt.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, event.user);
    } catch (err) {
      const lang = (await deps.app.programme())?.language ?? 'it';
      await reportFailure(deps.app, err, 'publishing App Home', lang, (text) =>
        client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] } }),
      );
    }
  });
}
