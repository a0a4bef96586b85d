import type { Lang } from '../types.ts';
import { statusText, type AnswerSink, type WorkStatus } from './progress.ts';

/**
 * A streamed message holds at most this much text (one Slack section, a comfortable Teams
 * message): past it the stream stops growing and the answer is delivered whole instead.
 */
export const STREAM_MAX_CHARS = 3000;

/**
 * What every channel's answer stream shares: statuses worded from the catalogue, the checked text
 * gathered up to `STREAM_MAX_CHARS`, and the rule that once the channel refuses a piece (or the
 * text outgrows one message) nothing more is streamed. A channel says how a status is shown and how
 * the text so far is sent; it delivers the final answer itself.
 */
export abstract class ChannelAnswerStream implements AnswerSink {
  /** All the text received so far (shown, or waiting for the channel's next send). */
  protected streamed = '';
  /** The channel refused the stream or a piece of it. */
  protected refused = false;
  /** The text outgrew one message. */
  protected stopped = false;

  async status(status: WorkStatus, lang: Lang): Promise<void> {
    if (this.refused || this.stopped) return;
    await this.showStatus(statusText(status, lang));
  }

  async text(chunk: string): Promise<void> {
    if (this.refused || this.stopped) return;
    if (this.streamed.length + chunk.length > STREAM_MAX_CHARS) {
      this.stopped = true;
      return;
    }
    this.streamed += chunk;
    await this.sendText(this.streamed, chunk);
  }

  /** Whether the whole answer is exactly what was streamed, with nothing refused or left out. */
  protected streamedIntact(answer: string): boolean {
    return !this.refused && !this.stopped && this.streamed.trim() === answer.trim();
  }

  /** Shows a status line ("searching the documents…"), if the channel shows statuses here. */
  protected abstract showStatus(text: string): Promise<void>;
  /** Sends the text so far (`all`), of which `chunk` is new; sets `refused` when the channel says no. */
  protected abstract sendText(all: string, chunk: string): Promise<void>;
}
