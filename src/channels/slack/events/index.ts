import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerAppHomeOpened } from './app-home-opened.ts';
import { registerAppMention } from './app-mention.ts';
import { registerDirectMessage } from './direct-message.ts';
import { registerFileShared } from './file-shared.ts';

export function registerEvents(bolt: App, deps: SlackDeps): void {
  registerAppMention(bolt, deps);
  registerDirectMessage(bolt, deps);
  registerAppHomeOpened(bolt, deps);
  registerFileShared(bolt, deps);
}
