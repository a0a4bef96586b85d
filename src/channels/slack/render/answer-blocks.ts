import type { KnownBlock } from '../slack-types.ts';
import type { Answer } from '../../../core/types.ts';
import { t } from '../texts.ts';
import { escapeMrkdwn, splitText, toMrkdwn, truncate } from './mrkdwn.ts';

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SECTION_TEXT_MAX = 3000;
export const BLOCKS_PER_MESSAGE = 50;
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
  const quote = c.quote ? `\n> _${escapeMrkdwn(truncate(c.quote, QUOTE_MAX))}_` : '';
  return `[${c.n}] *${title}*${section}${quote}`;
}

/**
 * An answer as Slack messages: the text in mrkdwn, the sources, and 👍/👎 buttons carrying the
 * stored answer's id. Long answers become several sections and, past 50 blocks, several messages
 * (the feedback buttons go on the last one).
 */
export function renderAnswer(answer: Answer, answerId: number | null): SlackMessage[] {
  const lang = answer.language;
  const blocks: KnownBlock[] = splitText(toMrkdwn(answer.answer), SECTION_TEXT_MAX).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  if (answer.citations.length) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${t('sources', lang)}*` }] });
    for (const c of answer.citations) {
      for (const text of splitText(citationLine(c), SECTION_TEXT_MAX)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    }
  }
  if (answerId !== null) {
    blocks.push({
      type: 'actions',
      block_id: 'feedback',
      elements: [
        { type: 'button', action_id: FEEDBACK_UP, value: String(answerId), text: { type: 'plain_text', text: `👍 ${t('helpful', lang)}`, emoji: true } },
        { type: 'button', action_id: FEEDBACK_DOWN, value: String(answerId), text: { type: 'plain_text', text: `👎 ${t('notHelpful', lang)}`, emoji: true } },
      ],
    });
  }
  const fallback = truncate(answer.answer.replace(/\*\*/g, ''), 2900);
  return paginate(blocks).map((page, i) => ({ text: i === 0 ? fallback : `(${i + 1})`, blocks: page }));
}

/** Splits blocks into messages of at most 50 blocks. */
export function paginate<B>(blocks: B[], size = BLOCKS_PER_MESSAGE): B[][] {
  const pages: B[][] = [];
  for (let i = 0; i < blocks.length; i += size) pages.push(blocks.slice(i, i + size));
  return pages.length ? pages : [[]];
}

/** A plain text reply as one or more section blocks (for dialog turns, status texts, errors). */
export function renderText(markdown: string): SlackMessage[] {
  const blocks: KnownBlock[] = splitText(toMrkdwn(markdown), SECTION_TEXT_MAX).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  return paginate(blocks).map((page, i) => ({ text: i === 0 ? truncate(markdown, 2900) : `(${i + 1})`, blocks: page }));
}
