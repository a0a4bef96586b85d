import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import type { OutboundMessage } from '../../../core/outbound/message.ts';
import { announcementHeader } from '../../../core/updates/format.ts';
import { noticeCard, type AdaptiveCard } from './adaptive.ts';
import { renderDigestTeams, renderReminderTeams } from './digest.ts';

/** A core message as a Teams activity's parts: the plain text (notification) and an Adaptive Card. */
export function renderOutbound(message: OutboundMessage): { text: string; card?: AdaptiveCard } {
  switch (message.kind) {
    case 'digest':
      return { text: renderDigestText(message.digest), card: renderDigestTeams(message.digest) };
    case 'reminder':
      return { text: renderReminderText(message.reminder), card: renderReminderTeams(message.reminder) };
    case 'update_saved': {
      const u = message.update;
      const header = announcementHeader(u.author.displayName, u.lang);
      return { text: `${header}\n${u.text}`, card: noticeCard(`📝 ${header}`, u.text) };
    }
    case 'notice':
      return { text: message.text };
  }
}
