import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import type { OutboundMessage } from '../../../core/outbound/message.ts';
import { announcementHeader } from '../../../core/updates/format.ts';
import { noticeCard, type AdaptiveCard } from './adaptive.ts';
import { renderDigestTeams, renderReminderTeams } from './digest.ts';
import { plainCardText } from './sanitise.ts';

/**
 * A core message as a Teams activity's parts: the plain text (notification) and an Adaptive Card.
 * Everything in them that people, documents or a model wrote is plain text (no tag, mention or link).
 */
export function renderOutbound(message: OutboundMessage): { text: string; card?: AdaptiveCard } {
  switch (message.kind) {
    case 'digest':
      return { text: plainCardText(renderDigestText(message.digest)), card: renderDigestTeams(message.digest) };
    case 'reminder':
      return { text: plainCardText(renderReminderText(message.reminder)), card: renderReminderTeams(message.reminder) };
    case 'update_saved': {
      const u = message.update;
      const header = plainCardText(announcementHeader(u.author.displayName, u.lang));
      return { text: `${header}\n${plainCardText(u.text)}`, card: noticeCard(`📝 ${header}`, plainCardText(u.text)) };
    }
    case 'notice':
      return { text: plainCardText(message.text) };
  }
}
