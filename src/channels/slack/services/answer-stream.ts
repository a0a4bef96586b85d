import { ChannelAnswerStream } from '../../../core/answer/stream.ts';
import type { Answer } from '../../../core/types.ts';
import type { Logger } from '../../../log.ts';
import { answerTail, renderAnswer, type SlackMessage } from '../render/answer-blocks.ts';
import { escapeMrkdwn } from '../render/escape.ts';
import type { WebClient } from '../slack-types.ts';

export interface StreamTarget {
  channel: string;
  threadTs: string;
  /** Who asked, and their workspace: Slack needs both to stream outside a DM. */
  userId: string;
  teamId?: string;
  /** An assistant thread: the status shows under the composer (assistant.threads.setStatus). */
  assistant: boolean;
}

/**
 * An answer on its way into a Slack thread: the status while Regia works (assistant threads),
 * then the checked text streamed into one message (`chat.startStream` / `appendStream`), closed by
 * `chat.stopStream` with the sources and feedback buttons. When Slack refuses to start a stream
 * nothing is lost: `finish` posts the whole answer at once; when the final answer is not what was
 * streamed (the writer fell back or abstained) the streamed message is replaced by it.
 */
export class SlackAnswerStream extends ChannelAnswerStream {
  private ts: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly target: StreamTarget,
  ) {
    super();
  }

  protected async showStatus(status: string): Promise<void> {
    if (!this.target.assistant) return;
    await this.client.assistant.threads.setStatus({ channel_id: this.target.channel, thread_ts: this.target.threadTs, status });
  }

  protected async sendText(_all: string, chunk: string): Promise<void> {
    // The streamed text is Markdown; what Regia did not write itself never becomes a mention or link.
    const markdown_text = escapeMrkdwn(chunk);
    try {
      if (this.ts === undefined) {
        const res = await this.client.chat.startStream({
          channel: this.target.channel,
          thread_ts: this.target.threadTs,
          recipient_user_id: this.target.userId,
          ...(this.target.teamId ? { recipient_team_id: this.target.teamId } : {}),
          markdown_text,
        });
        if (!res.ts) throw new Error('chat.startStream returned no message ts');
        this.ts = res.ts;
      } else {
        await this.client.chat.appendStream({ channel: this.target.channel, ts: this.ts, markdown_text });
      }
    } catch (err) {
      this.refused = true;
      this.log.warn({ err, streaming: this.ts !== undefined }, 'slack: streaming refused; the answer will be posted whole');
    }
  }

  /**
   * Delivers the final answer (stored as `answerId`): closes the stream, or has `postWhole` post
   * it (the caller's one way of posting in the thread).
   */
  async finish(answer: Answer, answerId: number | null, postWhole: (messages: SlackMessage[]) => Promise<void>): Promise<void> {
    const { channel } = this.target;
    if (this.ts !== undefined) {
      const intact = this.streamedIntact(answer.answer);
      try {
        await this.client.chat.stopStream({ channel, ts: this.ts, ...(intact ? { blocks: answerTail(answer, answerId, 'native') } : {}) });
        if (intact) return;
      } catch (err) {
        this.log.warn({ err }, 'slack: could not close the stream');
      }
      // What was streamed is not the answer: the message becomes the answer, the rest follows it.
      const [first, ...rest] = renderAnswer(answer, answerId);
      const replaced = await this.client.chat
        .update({ channel, ts: this.ts, text: first.text, blocks: first.blocks })
        .then(() => true)
        .catch((err: unknown) => (this.log.warn({ err }, 'slack: could not replace the streamed message'), false));
      if (replaced) {
        await postWhole(rest);
        return;
      }
    }
    await postWhole(renderAnswer(answer, answerId));
  }
}
