import { expect } from 'vitest';
import { slackMrkdwnTexts, teamsTexts } from './injection.ts';

/** Block Kit's documented limits for a message (docs.slack.dev, Block Kit reference). */
export function expectSlackMessageWithinLimits(p: Record<string, any>): void {
  const blocks = (p.blocks ?? []) as any[];
  expect(blocks.length, 'blocks in a message').toBeLessThanOrEqual(50);
  for (const b of blocks) {
    if (b.type === 'section' && b.text) expect(b.text.text.length, 'section text').toBeLessThanOrEqual(3000);
    if (b.type === 'header') expect(b.text.text.length, 'header').toBeLessThanOrEqual(150);
    for (const f of b.fields ?? []) expect(f.text.length, 'section field').toBeLessThanOrEqual(2000);
  }
  expect(typeof p.text === 'string' && p.text.trim().length > 0, 'fallback text present').toBe(true);
  expect(p.text.length, 'fallback text (4,000 recommended)').toBeLessThanOrEqual(4000);
}

/** What a Slack message shows, unescaped, one text object a line. */
export function slackVisibleText(p: Record<string, any>): string {
  const texts = slackMrkdwnTexts({ blocks: p.blocks });
  return texts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Teams' message size limit: 28 KB counted in UTF-16 over the whole activity. */
export function expectTeamsActivityWithinLimits(activity: Record<string, any>): void {
  expect(JSON.stringify(activity).length * 2, 'Teams message size (UTF-16 bytes)').toBeLessThanOrEqual(28 * 1024);
}

export function teamsVisibleText(activity: Record<string, any>): string {
  return teamsTexts(activity).join('\n').replace(/\u2060/g, '');
}
