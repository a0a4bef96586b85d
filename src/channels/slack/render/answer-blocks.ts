import type { KnownBlock } from '../slack-types.ts';
import type { Answer } from '../../../core/types.ts';
import { t } from '../../../core/texts/index.ts';
import { escapeMrkdwn, fallbackText } from './escape.ts';
import { BLOCK_LIMITS, paginate, sections } from './limits.ts';
import { toMrkdwn, truncate } from './mrkdwn.ts';

const QUOTE_MAX = 180;

/**
 * Feedback under an answer: Slack's feedback buttons (a `context_actions` block) or, on posted
 * answers, two plain buttons; either way the value says which and carries the stored answer's id.
 */
export const ANSWER_FEEDBACK = 'answer_feedback';
export const FEEDBACK_UP = 'feedback_up';
export const FEEDBACK_DOWN = 'feedback_down';
const GOOD = 'good';
const BAD = 'bad';

/** The value of a feedback button back as the answer and the verdict (null when it is not ours). */
export function readFeedbackValue(value: string | undefined): { answerId: number; value: 1 | -1 } | null {
  const m = /^(good|bad):(\d+)$/.exec(value ?? '');
  return m ? { answerId: Number(m[2]), value: m[1] === GOOD ? 1 : -1 } : null;
}

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
 * An answer as Slack messages: the text in mrkdwn, then its tail (sources, feedback buttons).
 * Long answers become several sections and, past 50 blocks, several messages (the feedback
 * buttons go on the last one).
 */
export function renderAnswer(answer: Answer, answerId: number | null): SlackMessage[] {
  return pages([...sections(toMrkdwn(answer.answer)), ...answerTail(answer, answerId, 'buttons')], answer.answer);
}

/**
 * What follows an answer's text: the numbered sources and the feedback buttons carrying the stored
 * answer's id. A streamed answer is closed (`chat.stopStream`) with Slack's feedback buttons
 * element, made for AI answers; a posted answer carries two plain buttons, because the project's
 * conformance check (../shared/conformance) does not know the `context_actions` block yet.
 */
export function answerTail(answer: Answer, answerId: number | null, feedback: 'native' | 'buttons'): KnownBlock[] {
  const lang = answer.language;
  const blocks: KnownBlock[] = [];
  if (answer.citations.length) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${t(lang, 'common.sources')}*` }] });
    for (const c of answer.citations) blocks.push(...sections(citationLine(c)));
  }
  if (answerId !== null && feedback === 'buttons') {
    blocks.push({
      type: 'actions',
      block_id: `feedback-${answerId}`,
      elements: [
        { type: 'button', action_id: FEEDBACK_UP, value: `${GOOD}:${answerId}`, text: { type: 'plain_text', text: `👍 ${t(lang, 'slack.helpful')}`, emoji: true } },
        { type: 'button', action_id: FEEDBACK_DOWN, value: `${BAD}:${answerId}`, text: { type: 'plain_text', text: `👎 ${t(lang, 'slack.notHelpful')}`, emoji: true } },
      ],
    });
  } else if (answerId !== null) {
    blocks.push({
      type: 'context_actions',
      block_id: `feedback-${answerId}`,
      elements: [
        {
          type: 'feedback_buttons',
          action_id: ANSWER_FEEDBACK,
          positive_button: { text: { type: 'plain_text', text: `👍 ${t(lang, 'slack.helpful')}` }, value: `${GOOD}:${answerId}`, accessibility_label: t(lang, 'slack.helpful') },
          negative_button: { text: { type: 'plain_text', text: `👎 ${t(lang, 'slack.notHelpful')}` }, value: `${BAD}:${answerId}`, accessibility_label: t(lang, 'slack.notHelpful') },
        },
      ],
    });
  }
  return blocks;
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
