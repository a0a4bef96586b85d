import { html as htmPreact } from 'htm/preact';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/**
 * Server-side HTML: htm's tagged templates build Preact nodes and preact-render-to-string
 * serialises them, escaping every interpolated value (text and attributes) on the way out.
 */
export const html: (strings: TemplateStringsArray, ...values: unknown[]) => VNode = htmPreact;

export type Node = VNode | string | null | undefined | false | Node[];

export function renderDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
