import type { Cantiere } from '../../programme/model.ts';
import type { OutboundMessage } from './message.ts';

/** Where a proactive message goes: a channel/conversation id, or a user for a direct message. */
export type Destination = { conversationId: string } | { userId: string };

/**
 * What the core needs of a channel to post on its own initiative (digests, reminders, reports).
 * `platform` is the channel's name as stored with people and digests: data, never branched on.
 */
export interface OutboundChannel {
  readonly platform: string;
  /** The conversation where a cantiere's messages go on this channel, or null when it has none. */
  destinationFor(cantiere: Cantiere): Promise<string | null>;
  /**
   * Posts proactively; resolves to the platform's message reference. Rejects when the post failed:
   * with a PermanentDeliveryError when another attempt cannot help.
   */
  send(to: Destination, message: OutboundMessage): Promise<string>;
}

/**
 * A failure no retry can fix (the bot is not in the channel, the destination does not exist, the
 * credentials are wrong): delivery reports it at once instead of after minutes of retries.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentDeliveryError';
  }
}
