import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import type { OutboundMessage } from '../../../core/outbound/message.ts';
import { announcementHeader } from '../../../core/updates/format.ts';
import type { KnownBlock } from '../slack-types.ts';
import { renderDigestSlack, renderReminderSlack } from './digest.ts';

/** A core message as chat.postMessage arguments: the plain text (notifications) and Block Kit. */
export function renderOutbound(message: OutboundMessage): { text: string; blocks?: KnownBlock[] } {
  switch (message.kind) {
    case 'digest':
      return { text: renderDigestText(message.digest), blocks: renderDigestSlack(message.digest) };
    case 'reminder':
      return { text: renderReminderText(message.reminder), blocks: renderReminderSlack(message.reminder) };
    case 'update_saved': {
      const u = message.update;
      const who = u.author.platform === 'slack' ? `<@${u.author.userId}>` : u.author.displayName;
      return { text: `*${announcementHeader(who, u.lang)}*\n${u.text}` };
    }
    case 'notice':
      return { text: message.text };
  }
}
