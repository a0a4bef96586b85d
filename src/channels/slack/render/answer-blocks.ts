import type { KnownBlock } from '../slack-types.ts';
import type { Answer } from '../../../core/types.ts';
import { t } from '../../../core/texts/index.ts';
import { escapeMrkdwn, fallbackText } from './escape.ts';
import { BLOCK_LIMITS, paginate, sections } from './limits.ts';
import { toMrkdwn, truncate } from './mrkdwn.ts';

const QUOTE_MAX = 180;

export const FEEDBACK_UP = 'feedback_up';
export const FEEDBACK_DOWN = 'feedback_down';

export interface SlackMessage {
  /** Notification / fallback text (also what screen readers announce). */
  text: string;
  blocks: KnownBlock[];
}

/** `[n] title - section` with a short quote, as every channel shows sources. */
export function citationLine(c: Answer['citations'][number]): string {
  const title = escapeMrkdwn(c.title || c.source);
  const section = c.section ? ` - ${escapeMrkdwn(c.section)}` : '';
  const quote = c.quote ? `\n> _${truncate(escapeMrkdwn(c.quote.replace(/\s+/g, ' ')), QUOTE_MAX)}_` : '';
  return `[${c.n}] *${title}*${section}${quote}`;
}

/**
 * An answer as Slack messages: the text in mrkdwn, the sources, and 👍/👎 buttons carrying the
 * stored answer's id. Long answers become several sections and, past 50 blocks, several messages
 * (the feedback buttons go on the last one).
 */
export function renderAnswer(answer: Answer, answerId: number | null): SlackMessage[] {
  const lang = answer.language;
  const blocks: KnownBlock[] = sections(toMrkdwn(answer.answer));
  if (answer.citations.length) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${t(lang, 'common.sources')}*` }] });
    for (const c of answer.citations) blocks.push(...sections(citationLine(c)));
  }
  if (answerId !== null) {
    blocks.push({
      type: 'actions',
      block_id: 'feedback',
      elements: [
        { type: 'button', action_id: FEEDBACK_UP, value: String(answerId), text: { type: 'plain_text', text: `👍 ${t(lang, 'slack.helpful')}`, emoji: true } },
        { type: 'button', action_id: FEEDBACK_DOWN, value: String(answerId), text: { type: 'plain_text', text: `👎 ${t(lang, 'slack.notHelpful')}`, emoji: true } },
      ],
    });
  }
  return pages(blocks, answer.answer);
}

/** Blocks as messages of at most 50 blocks; the first carries the bounded fallback, the next ones their number. */
function pages(blocks: KnownBlock[], fallbackSource: string): SlackMessage[] {
  const fallback = fallbackText(fallbackSource);
  return paginate(blocks, BLOCK_LIMITS.message).map((page, i) => ({ text: i === 0 ? fallback : `(${i + 1})`, blocks: page }));
}

/**
 * A reply written by the core (dialog turns, status texts, confirmations) as section blocks:
 * Markdown formatting kept, everything else in it shown as text (no links: it carries people's words).
 */
export function renderText(markdown: string): SlackMessage[] {
  return pages(sections(toMrkdwn(markdown, { links: false })), markdown);
}
