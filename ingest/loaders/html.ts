import { compile, type FormatCallback } from 'html-to-text';
import { IngestError, type LoadedText } from '../types.ts';
import { decodeText } from './text.ts';

const heading =
  (level: number): FormatCallback =>
  (elem, walk, builder) => {
    builder.openBlock({ leadingLineBreaks: 2 });
    builder.addLiteral(`${'#'.repeat(level)} `);
    walk(elem.children, builder);
    builder.closeBlock({ trailingLineBreaks: 2 });
  };

/**
 * HTML to the cleaner's text shape: headings as `#` lines (html-to-text would upper-case them),
 * lists as `- ` items, no link targets or images, tables as rows of cells. Compiled once: `convert`
 * compiles its options on every call (about a third of its time on a folder of HTML pages).
 */
const toText = compile({
  wordwrap: false,
  formatters: { h1: heading(1), h2: heading(2), h3: heading(3), h4: heading(4), h5: heading(5), h6: heading(6) },
  selectors: [
    { selector: 'h1', format: 'h1' },
    { selector: 'h2', format: 'h2' },
    { selector: 'h3', format: 'h3' },
    { selector: 'h4', format: 'h4' },
    { selector: 'h5', format: 'h5' },
    { selector: 'h6', format: 'h6' },
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'nav', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

export function htmlToText(html: string): string {
  return toText(html);
}

export function loadHtml(bytes: Uint8Array, ext: string): LoadedText {
  const html = decodeText(bytes, ext);
  if (!/<[a-z!][^>]*>/i.test(html)) throw new IngestError(`no HTML markup in a ${ext} file`);
  const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = t ? htmlToText(t[1]).trim() || undefined : undefined;
  return { kind: 'html', text: htmlToText(html), title, markup: true };
}
