import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerAddToRegiaShortcut } from './add-to-regia.ts';
import { registerLogUpdateShortcut } from './log-update.ts';

export function registerShortcuts(bolt: App, deps: SlackDeps): void {
  registerLogUpdateShortcut(bolt, deps);
  registerAddToRegiaShortcut(bolt, deps);
}
