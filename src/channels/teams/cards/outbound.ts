import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import type { OutboundMessage } from '../../../core/outbound/message.ts';
import type { AdaptiveCard } from './adaptive.ts';
import { renderDigestTeams, renderReminderTeams } from './digest.ts';

/** A core message as a Teams activity's parts: the plain text (notification) and an Adaptive Card. */
export function renderOutbound(message: OutboundMessage): { text: string; card?: AdaptiveCard } {
  switch (message.kind) {
    case 'digest':
      return { text: renderDigestText(message.digest), card: renderDigestTeams(message.digest) };
    case 'reminder':
      return { text: renderReminderText(message.reminder), card: renderReminderTeams(message.reminder) };
    case 'notice':
      return { text: message.text };
  }
}
