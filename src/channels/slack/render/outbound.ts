import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import type { OutboundMessage } from '../../../core/outbound/message.ts';
import { announcementHeader } from '../../../core/updates/format.ts';
import type { KnownBlock } from '../slack-types.ts';
import { renderDigestSlack, renderReminderSlack } from './digest.ts';
import { escapeMrkdwn, fallbackText, fillMrkdwn, mention } from './escape.ts';
import { BLOCK_LIMITS, section, sections } from './limits.ts';

/** A core message as chat.postMessage arguments: the plain text (notifications) and Block Kit. */
export function renderOutbound(message: OutboundMessage): { text: string; blocks?: KnownBlock[] } {
  switch (message.kind) {
    // The full digest and reminder are in the blocks; the notification text is bounded and escaped.
    case 'digest':
      return { text: fallbackText(renderDigestText(message.digest)), blocks: renderDigestSlack(message.digest) };
    case 'reminder':
      return { text: fallbackText(renderReminderText(message.reminder)), blocks: renderReminderSlack(message.reminder) };
    case 'update_saved': {
      const u = message.update;
      const who = u.author.platform === 'slack' ? mention(u.author.userId) : u.author.displayName;
      const header = fillMrkdwn((w: string) => announcementHeader(w, u.lang), who);
      return { text: `${header}: ${fallbackText(u.text, 2000)}`, blocks: [section(`*${header}*`), ...sections(escapeMrkdwn(u.text)).slice(0, BLOCK_LIMITS.message - 1)] };
    }
    case 'notice':
      return { text: escapeMrkdwn(message.text) };
  }
}
