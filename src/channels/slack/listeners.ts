import type { App } from '@slack/bolt';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import type { SlackDeps } from './deps.ts';
import { registerEvents } from './events/index.ts';
import { dedupe } from './middleware/dedupe.ts';
import { registerShortcuts } from './shortcuts/index.ts';
import { registerViews } from './views/index.ts';

/** Every listener, one folder per kind (the layout of Slack's Bolt templates). */
export function registerListeners(bolt: App, deps: SlackDeps): void {
  bolt.use(dedupe(deps.app));
  registerEvents(bolt, deps);
  registerCommands(bolt, deps);
  registerActions(bolt, deps);
  registerViews(bolt, deps);
  registerShortcuts(bolt, deps);
}
