import { clipText } from '../../../core/text-bounds.ts';

/**
 * Slack's escaping rules, one per surface (https://docs.slack.dev/messaging/formatting-message-text):
 *
 * - mrkdwn text objects and the top-level `text` of a message: `&`, `<` and `>` are control
 *   characters (`<@U123>`, `<!channel>`, `<url|label>`), so text that comes from people, documents,
 *   updates or a model is escaped; only the sequences built here (`mention`, `channelLink`, `link`)
 *   are left as markup.
 * - plain_text objects (buttons, headers, labels, options): Slack shows them as written, nothing
 *   is parsed, so nothing is escaped; only their length is bounded.
 */

/** A piece of Slack markup Regia built itself (a mention, a channel or a link): never escaped again. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes the three characters Slack's text formatting treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A person, by Slack user id. */
export function mention(userId: string): Markup {
  return new Markup(/^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId));
}

/** A channel, by id. */
export function channelLink(channelId: string): Markup {
  return new Markup(/^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId));
}

/**
 * A catalogue sentence (whose parameters may be people's text or Regia's own markup) as mrkdwn:
 * the sentence and text parameters are escaped, Markup parameters inserted as they are.
 */
export function fillMrkdwn<A extends unknown[]>(sentence: (...args: A) => string, ...args: { [K in keyof A]: string | Markup }): string {
  const slots = args.map((_, i) => `\u0000${i}\u0000`) as unknown as A;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL delimits placeholders that no user text can contain
  return escapeMrkdwn(sentence(...slots)).replace(/\u0000(\d+)\u0000/g, (_m, i: string) => {
    const arg = args[Number(i)] as string | Markup;
    return arg instanceof Markup ? arg.value : escapeMrkdwn(arg);
  });
}

/** Most characters a top-level `text` gets: it is the notification and screen-reader text, not the message. */
export const FALLBACK_MAX = 3000;

/**
 * The top-level `text` of a message from text that may come from anyone: Markdown markers
 * dropped, whitespace folded, escaped, and cut to `max` characters on a word (never inside an
 * entity), with an ellipsis.
 */
export function fallbackText(text: string, max = FALLBACK_MAX): string {
  const plain = text
    .replace(/\*\*|__|`+/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const escaped = escapeMrkdwn(plain);
  if (escaped.length <= max) return escaped || '…';
  let width = 0;
  let end = 0;
  for (const ch of plain) {
    const w = ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length;
    if (width + w > max - 1) break;
    width += w;
    end += ch.length;
  }
  let cut = plain.slice(0, end);
  const space = cut.search(/\s\S*$/);
  if (space > end * 0.6) cut = cut.slice(0, space);
  return `${escapeMrkdwn(cut)}…`;
}

// Plain text is cut by the platform-neutral rule; renderers import it from here too.
export { clipText };

/** A plain_text object: shown as written (nothing to escape), bounded, never empty. */
export function plainText(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return { type: 'plain_text', text: clipText(oneLine || '…', max), emoji: true };
}
