import { renderDigestText, renderReminderText } from '../../../core/digest/text.ts';
import { renderWith, type OutboundMessage, type OutboundRenderers } from '../../../core/outbound/message.ts';
import { announcementHeader } from '../../../core/updates/format.ts';
import type { KnownBlock } from '../slack-types.ts';
import { renderDigestSlack, renderReminderSlack } from './digest.ts';
import { escapeMrkdwn, fallbackText, fillMrkdwn, mention } from './escape.ts';
import { BLOCK_LIMITS, section, sections } from './limits.ts';

type SlackOutbound = { text: string; blocks?: KnownBlock[] };

/** Core messages as chat.postMessage arguments: the plain text (notifications) and Block Kit. */
const SLACK_RENDERERS: OutboundRenderers<SlackOutbound> = {
  // The full digest and reminder are in the blocks; the notification text is bounded and escaped.
  digest: ({ digest }) => ({ text: fallbackText(renderDigestText(digest)), blocks: renderDigestSlack(digest) }),
  reminder: ({ reminder }) => ({ text: fallbackText(renderReminderText(reminder)), blocks: renderReminderSlack(reminder) }),
  update_saved: ({ update: u }) => {
    // A Slack author is mentioned (a link to their profile); anyone else is named.
    const header = fillMrkdwn((w: string) => announcementHeader(w, u.lang), u.author.platform === 'slack' ? mention(u.author.userId) : u.author.displayName);
    return { text: `${header}: ${fallbackText(u.text, 2000)}`, blocks: [section(`*${header}*`), ...sections(escapeMrkdwn(u.text)).slice(0, BLOCK_LIMITS.message - 1)] };
  },
  notice: ({ text }) => ({ text: escapeMrkdwn(text) }),
};

export const renderOutbound = (message: OutboundMessage): SlackOutbound => renderWith(SLACK_RENDERERS, message);
