import { PermanentDeliveryError, type Destination } from '../../core/outbound/channel.ts';
import type { OutboundMessage } from '../../core/outbound/message.ts';
import type { Cantiere } from '../../programme/model.ts';
import { renderOutbound } from './render/outbound.ts';
import type { WebClient } from './slack-types.ts';

/**
 * Web API errors another attempt cannot fix (the bot is not in the channel, the destination does
 * not exist, the token is wrong): reported as permanent so delivery stops retrying at once.
 */
const PERMANENT_ERRORS = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'not_authed', 'account_inactive',
  'token_revoked', 'user_not_found', 'cannot_dm_bot', 'invalid_blocks', 'missing_scope',
]);

/** The Slack channel of a cantiere, from the programme file. */
export async function slackDestination(cantiere: Cantiere): Promise<string | null> {
  return cantiere.slackChannel;
}

/** Posts a core message (rendered as Block Kit) and returns `channel:ts`. */
export async function postOutbound(client: WebClient, token: string, to: Destination, message: OutboundMessage): Promise<string> {
  const channel = 'conversationId' in to ? to.conversationId : to.userId;
  const { text, blocks } = renderOutbound(message);
  try {
    const res = await client.chat.postMessage({ token, channel, text, ...(blocks ? { blocks } : {}), unfurl_links: false });
    return `${res.channel ?? channel}:${res.ts}`;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code && PERMANENT_ERRORS.has(code)) throw new PermanentDeliveryError(`slack: ${(err as Error).message}`, { cause: err });
    throw err;
  }
}
