import type { SlackMessage } from '../render/answer-blocks.ts';
import type { WebClient } from '../slack-types.ts';

/** Posts messages in a thread, in order; returns the ts of the first. */
export async function postInThread(client: WebClient, channel: string, threadTs: string, messages: SlackMessage[]): Promise<string | undefined> {
  let first: string | undefined;
  for (const m of messages) {
    const res = await client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
    first ??= res.ts;
  }
  return first;
}
