import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerAppHomeOpened } from './app-home-opened.ts';
import { registerAppMention } from './app-mention.ts';
import { registerAssistant } from './assistant.ts';
import { registerDirectMessage } from './direct-message.ts';
import { registerFileShared } from './file-shared.ts';

export function registerEvents(bolt: App, deps: SlackDeps): void {
  // First: Bolt's Assistant takes the messages of assistant threads before the other listeners.
  registerAssistant(bolt, deps);
  registerAppMention(bolt, deps);
  registerDirectMessage(bolt, deps);
  registerAppHomeOpened(bolt, deps);
  registerFileShared(bolt, deps);
}
