import type { VNode } from 'preact';
import type { Lang } from '../../core/types.ts';
import { t } from '../../core/texts/index.ts';
import { html, type Node } from './html.ts';

export interface LayoutProps {
  lang: Lang;
  title: string;
  /** The other language's URL of the same page; absent on pages without data. */
  switchHref?: string;
  /** Live refresh: the SSE URL and the marker of the data rendered. */
  live?: { eventsHref: string; marker: string; refreshedAt: string };
  /** Shown in the footer (e.g. until when the link is valid). */
  footer?: string;
  children: Node;
}

/** The page frame: language, skip link, header with the language switch, live status, footer. */
export function Layout(p: LayoutProps): VNode {
  return html`<html lang=${p.lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      <meta name="referrer" content="no-referrer" />
      <title>${p.title}</title>
      <link rel="stylesheet" href="/board/assets/board.css" />
      ${p.live ? html`<script src="/board/assets/live.js" defer></script>` : null}
    </head>
    <body data-events=${p.live?.eventsHref}>
      <a class="skip" href="#content">${t(p.lang, 'board.skipToContent')}</a>
      <header class="top">
        <p class="brand">Regia</p>
        ${p.live ? html`<p id="live-status" class="live" role="status" aria-live="polite">${p.live.refreshedAt}</p>` : null}
        ${p.switchHref
          ? html`<a class="lang" href=${p.switchHref} hreflang=${p.lang === 'it' ? 'en' : 'it'} lang=${p.lang === 'it' ? 'en' : 'it'} aria-label=${t(p.lang, 'board.switchLabel')}
              >${t(p.lang, 'board.switchTo')}</a
            >`
          : null}
      </header>
      <main id="content" tabindex="-1" data-marker=${p.live?.marker}>${p.children}</main>
      ${p.footer ? html`<footer class="bottom"><p>${p.footer}</p></footer>` : null}
    </body>
  </html>`;
}
