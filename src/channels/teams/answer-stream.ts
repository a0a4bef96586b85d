import type { Activity, TurnContext } from 'botbuilder';
import { ChannelAnswerStream } from '../../core/answer/stream.ts';
import type { Answer } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { answerCards } from './cards/answer.ts';
import { markdownCardText } from './cards/sanitise.ts';
import { cardMessage } from './replies.ts';
import { t } from '../../core/texts/index.ts';

/** Teams shows informative updates of at most 1,000 characters. */
const INFORMATIVE_MAX = 1000;

type StreamType = 'informative' | 'streaming' | 'final';

/**
 * An answer streamed into a Teams 1:1 chat, per the Teams streaming protocol: informative updates
 * ("searching the documents…") as typing activities, then the text so far as typing activities
 * with increasing sequence numbers (at most one every `intervalMs`, Teams' pace), all naming the
 * stream by the id Teams gave the first one; then the final message, with the whole text and the
 * sources and feedback card. When Teams refuses to start the stream the answer is sent as usual.
 */
export class TeamsAnswerStream extends ChannelAnswerStream {
  private streamId: string | undefined;
  private sequence = 0;
  /** Some text is on screen: statuses no longer replace it. */
  private shown = false;
  private lastSent = 0;

  constructor(
    private readonly context: TurnContext,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {
    super();
  }

  protected async showStatus(status: string): Promise<void> {
    if (this.shown) return;
    await this.send('informative', status.slice(0, INFORMATIVE_MAX));
  }

  protected async sendText(all: string): Promise<void> {
    // Teams takes at most one update every `intervalMs`: what arrives meanwhile goes with the next.
    if (Date.now() - this.lastSent < this.intervalMs) return;
    if (await this.send('streaming', markdownCardText(all))) this.shown = true;
  }

  /** Sends the final answer (stored as `answerId`): the stream's final message, or plain cards. */
  async finish(answer: Answer, answerId: number | null): Promise<void> {
    const cards = answerCards(answer, answerId);
    if (this.streamId && !this.refused) {
      // One card's worth closes the stream itself; a longer answer follows the stream's end whole.
      const closing =
        cards.length === 1
          ? { ...cardMessage(answerCards(answer, answerId, { withoutText: true })[0], answer.answer), text: markdownCardText(answer.answer), textFormat: 'markdown' }
          : { type: 'message', text: t(answer.language, 'teams.answerFollows') };
      const closed = await this.context
        .sendActivity({ ...closing, entities: [{ type: 'streaminfo', streamId: this.streamId, streamType: 'final' }], channelData: { streamId: this.streamId, streamType: 'final' } } as Partial<Activity>)
        .then(() => true)
        .catch((err: unknown) => (this.log.warn({ err }, 'teams: could not close the stream; sending the answer as usual'), false));
      if (closed && cards.length === 1) return;
    }
    for (const card of cards) await this.context.sendActivity(cardMessage(card, answer.answer));
  }

  /**
   * One streaming activity; false when Teams refuses it: a refused first activity means nothing
   * was streamed (the answer goes out as usual), a later one ends the stream where it stands.
   */
  private async send(type: StreamType, text: string): Promise<boolean> {
    if (this.refused) return false;
    this.sequence += 1;
    const info = { streamType: type, streamSequence: this.sequence, ...(this.streamId ? { streamId: this.streamId } : {}) };
    try {
      const res = await this.context.sendActivity({ type: 'typing', text, entities: [{ type: 'streaminfo', ...info }], channelData: info } as Partial<Activity>);
      this.streamId ??= res?.id;
      if (!this.streamId) throw new Error('Teams returned no id for the first streaming activity');
      this.lastSent = Date.now();
      return true;
    } catch (err) {
      if (this.streamId) this.stopped = true;
      else this.refused = true;
      this.log.warn({ err, sequence: this.sequence }, 'teams: streaming refused');
      return false;
    }
  }
}
