import type { Answer, Lang } from '../../../core/types.ts';
import { splitAtBoundaries } from '../../split.ts';
import { card, execute, text, type AdaptiveCard, type AdaptiveElement } from './adaptive.ts';
import { markdownCardText, plainCardText } from './sanitise.ts';
import { packCards, TEXT_PIECE_CHARS } from './size.ts';

export const FEEDBACK_VERB = 'regia.feedback';

const L = {
  sources: { it: 'Fonti', en: 'Sources' },
  helpful: { it: '👍 Utile', en: '👍 Helpful' },
  notHelpful: { it: '👎 Non utile', en: '👎 Not helpful' },
  thanks: { it: 'Grazie del riscontro.', en: 'Thanks for the feedback.' },
} satisfies Record<string, Record<Lang, string>>;

/** `[n] title - section`, as every channel shows a source. */
export function sourceLine(c: { n: number; title: string; section: string }): string {
  // Section paths often start with the document title ("Title > Heading"): say it once.
  const section = c.section.startsWith(`${c.title} > `) ? c.section.slice(c.title.length + 3) : c.section === c.title ? '' : c.section;
  return `[${c.n}] ${c.title}${section ? ` - ${section}` : ''}`;
}

/**
 * The answer as cards: the text (Markdown, with its own links), the numbered sources with their
 * quotes (shown as plain text), and 👍/👎 (stored against `answerId`) on the last card. A long
 * answer continues on further cards, each within Teams' message size; nothing is cut. After
 * feedback the last card comes back with a thank-you instead of the buttons.
 */
export function answerCards(answer: Answer, answerId: number | null, opts: { feedbackGiven?: 1 | -1; withoutText?: boolean } = {}): AdaptiveCard[] {
  const lang = answer.language;
  // Without the text: the card under a streamed answer, whose text is the message's own.
  const body: AdaptiveElement[] = opts.withoutText ? [] : splitAtBoundaries(answer.answer, TEXT_PIECE_CHARS).map((piece, i) => text(markdownCardText(piece), i ? { spacing: 'None' } : {}));
  if (answer.citations.length) {
    body.push(text(L.sources[lang], { weight: 'Bolder', size: 'Small', spacing: 'Medium', separator: !opts.withoutText }));
    for (const c of answer.citations) {
      const items: AdaptiveElement[] = [text(plainCardText(sourceLine(c)), { size: 'Small', weight: 'Bolder', spacing: 'None' })];
      if (c.quote) items.push(text(plainCardText(`“${c.quote}”`), { size: 'Small', isSubtle: true, spacing: 'None' }));
      body.push({ type: 'Container', spacing: 'Small', items });
    }
  }
  const closing: AdaptiveElement[] = opts.feedbackGiven
    ? [text(`${opts.feedbackGiven === 1 ? '👍' : '👎'} ${L.thanks[lang]}`, { size: 'Small', isSubtle: true, spacing: 'Medium' })]
    : [];
  const actions =
    opts.feedbackGiven || answerId === null
      ? []
      : [
          execute(L.helpful[lang], FEEDBACK_VERB, { answerId, value: 1, lang }),
          execute(L.notHelpful[lang], FEEDBACK_VERB, { answerId, value: -1, lang }),
        ];
  return packCards(body, (part, last) => (last ? card([...part, ...closing], actions) : card(part)));
}
