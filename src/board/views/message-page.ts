import type { VNode } from 'preact';
import { html } from './html.ts';

/** A page with a heading and one sentence and no data: refusals and "not found". */
export function MessagePage(p: { title: string; message: string }): VNode {
  return html`<div class="message">
    <h1>${p.title}</h1>
    <p>${p.message}</p>
  </div>`;
}
