import type { AdaptiveCard, AdaptiveElement } from './adaptive.ts';

/**
 * Teams rejects a message over about 28 KB, counted in UTF-16 over the whole activity
 * (learn.microsoft.com, "Format your bot messages"). A card gets 24 KB, leaving room for the
 * activity around it (ids, service URL, summary).
 */
export const CARD_BUDGET_BYTES = 24 * 1024;
/** Characters of text in one TextBlock piece: a long text becomes several, so any of them fits a card. */
export const TEXT_PIECE_CHARS = 4000;

/** Size of a value as Teams counts it: its JSON in UTF-16. */
export function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

/**
 * Packs body elements into as few cards as the budget allows, in order: nothing is dropped, a
 * long body simply continues on the next card. `build` makes a card from a body (the last card
 * gets the actions); an element larger than a card on its own still gets a card of its own.
 */
export function packCards(elements: AdaptiveElement[], build: (body: AdaptiveElement[], last: boolean) => AdaptiveCard, budget = CARD_BUDGET_BYTES): AdaptiveCard[] {
  const bodies: AdaptiveElement[][] = [[]];
  for (const el of elements) {
    const current = bodies[bodies.length - 1];
    if (current.length && utf16Bytes(build([...current, el], true)) > budget) bodies.push([el]);
    else current.push(el);
  }
  return bodies.map((body, i) => build(body, i === bodies.length - 1));
}

/**
 * Keeps as many `items` (each one or more elements) as fit in `budget` next to `fixed`, then a
 * "and N more" line from `more(n)`, so a card never overflows and never drops anything silently.
 */
export function fitItems<T>(items: T[], render: (item: T) => AdaptiveElement[], more: (left: number) => AdaptiveElement, fits: (body: AdaptiveElement[]) => boolean): AdaptiveElement[] {
  const out: AdaptiveElement[] = [];
  for (let i = 0; i < items.length; i++) {
    const next = [...out, ...render(items[i])];
    const withMore = i === items.length - 1 ? next : [...next, more(items.length - i - 1)];
    if (!fits(withMore)) {
      out.push(more(items.length - i));
      return out;
    }
    out.push(...render(items[i]));
  }
  return out;
}
