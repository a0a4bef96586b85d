import type { KnownBlock } from '../slack-types.ts';
import { splitText, truncate } from './mrkdwn.ts';

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const BLOCK_LIMITS = {
  /** Blocks in one message. */
  message: 50,
  /** Blocks in a modal or the Home tab. */
  view: 100,
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  contextElements: 10,
  privateMetadata: 3000,
} as const;

/**
 * A section of escaped mrkdwn, cut to the section limit. `verbatim` keeps Slack from turning
 * bare names and URLs in it into mentions or links: only the markup Regia built is live.
 */
export function section(mrkdwn: string, extra: Record<string, unknown> = {}): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, BLOCK_LIMITS.sectionText), verbatim: true }, ...extra } as KnownBlock;
}

/** Escaped mrkdwn of any length as consecutive sections (nothing cut). */
export function sections(mrkdwn: string): KnownBlock[] {
  return splitText(mrkdwn, BLOCK_LIMITS.sectionText).map((text) => section(text));
}

/** A small grey line (a "and N more", a hint). */
export function contextLine(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, BLOCK_LIMITS.sectionText), verbatim: true }] } as KnownBlock;
}

/** Splits blocks into messages of at most 50 blocks. */
export function paginate<B>(blocks: B[], size: number = BLOCK_LIMITS.message): B[][] {
  const pages: B[][] = [];
  for (let i = 0; i < blocks.length; i += size) pages.push(blocks.slice(i, i + size));
  return pages.length ? pages : [[]];
}

/**
 * Keeps as many of `items` (each rendered as one or more blocks) as fit in `room` blocks,
 * leaving one for the `more(n)` line that says how many were left out.
 */
export function fitItems<T>(items: T[], room: number, render: (item: T) => KnownBlock[], more: (left: number) => KnownBlock): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < items.length; i++) {
    const blocks = render(items[i]);
    const last = i === items.length - 1;
    if (out.length + blocks.length > room - (last ? 0 : 1)) {
      out.push(more(items.length - i));
      return out;
    }
    out.push(...blocks);
  }
  return out;
}
