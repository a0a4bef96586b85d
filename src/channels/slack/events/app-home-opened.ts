import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { claimOf } from '../middleware/dedupe.ts';
import { publishHome } from '../services/board.ts';
import { reportFailure } from '../services/failure.ts';

/**
 * The App Home tab: the status board, rebuilt each time it is opened. Not queued (a lost one is
 * rebuilt on the next opening), and not awaited: events are acknowledged after their listeners.
 */
export function registerAppHomeOpened(bolt: App, deps: SlackDeps): void {
  bolt.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home' || !(await claimOf(context)())) return;
    void publishHome(deps, client, event.user).catch(async (err: unknown) => {
      const lang = (await deps.app.programme().catch(() => null))?.language ?? 'it';
      await reportFailure(deps.app, err, 'publishing App Home', lang, (text) =>
        client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] } }),
      );
    });
  });
}
