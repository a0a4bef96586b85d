import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerRegiaCommand } from './regia.ts';

export function registerCommands(bolt: App, deps: SlackDeps): void {
  registerRegiaCommand(bolt, deps);
}
