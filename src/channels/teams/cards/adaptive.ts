/** Small helpers for Adaptive Card JSON (schema 1.5, what Teams renders). */

export type AdaptiveElement = Record<string, unknown>;
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; body: AdaptiveElement[] };

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A full-width card; `mentions` are the `<at>` entities its text uses. */
export function card(body: AdaptiveElement[], actions: AdaptiveElement[] = [], mentions: AdaptiveElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: mentions.length ? { entities: mentions, width: 'Full' } : { width: 'Full' },
  };
}

export function text(value: string, extra: AdaptiveElement = {}): AdaptiveElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/**
 * An Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke and shows the
 * card the bot returns. `data.verb` repeats the verb so a client that falls back to Action.Submit
 * (a message with `value`) still says what was clicked.
 */
export function execute(title: string, verb: string, data: Record<string, unknown>, extra: AdaptiveElement = {}): AdaptiveElement {
  return { type: 'Action.Execute', title, verb, data: { ...data, verb }, ...extra };
}

/** A one-message card: a confirmation, a cancellation, a notice. */
export function noticeCard(title: string, body?: string, style: 'good' | 'attention' | 'default' = 'default'): AdaptiveCard {
  return card([
    text(title, { weight: 'Bolder', ...(style !== 'default' ? { color: style } : {}) }),
    ...(body ? [text(body)] : []),
  ]);
}
