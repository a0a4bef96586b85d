import { IngestError, type LoadedText } from '../types.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the control characters a text file must not carry
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/**
 * Bytes to text for formats that should be text. UTF-8 first (with or without BOM); a file that is
 * not valid UTF-8 but looks like legacy 8-bit text (Latin-1/Windows-1252, common in exports) is
 * read as such; anything with NUL bytes or many control characters is binary and refused.
 */
export function decodeText(bytes: Uint8Array, ext: string): string {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new IngestError(`binary content in a ${ext} file (it is not text)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  const controls = (text.match(CONTROL) ?? []).length;
  if (controls > Math.max(2, text.length * 0.01)) {
    throw new IngestError(`binary content in a ${ext} file (it is not text)`);
  }
  return removeControlChars(text.replace(/^\uFEFF/, ''));
}

/**
 * Control characters other than tab, line feed, form feed (the page break) and carriage return
 * carry no text, and PostgreSQL refuses NUL in text: every loader's output goes through this.
 */
export function removeControlChars(text: string): string {
  return text.replace(CONTROL, '');
}

export function loadPlainText(bytes: Uint8Array, ext: string): LoadedText {
  return { kind: 'text', text: decodeText(bytes, ext), markup: false };
}

/** Markdown is already the shape the cleaner expects; only syntax that is not content is removed. */
export function loadMarkdown(bytes: Uint8Array, ext: string): LoadedText {
  let text = decodeText(bytes, ext).replace(/\r\n?/g, '\n');
  let title: string | undefined;
  // YAML front matter: keep a title if it has one, drop the rest.
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (front) {
    const t = /^title:\s*["']?(.+?)["']?\s*$/m.exec(front[1]);
    if (t) title = t[1];
    const d = /^date:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(front[1]);
    // Front matter's date becomes the leading date line that metadata reads.
    text = (d ? `date ${d[1]}\n` : '') + text.slice(front[0].length);
  }
  text = text
    // Setext headings to ATX.
    .replace(/^(.+)\n=+\s*$/gm, '# $1')
    .replace(/^(?!\s*[-*] )(.+)\n-{3,}\s*$/gm, '## $1')
    .replace(/^```.*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^(\s*)[*+]\s+/gm, '$1- ')
    .replace(/^\s*(\|?\s*:?-{3,}:?\s*)+\|?\s*$/gm, '') // table separator rows
    .replace(/^\s*\|(.*)\|\s*$/gm, (_m, row: string) => row.split('|').map((c) => c.trim()).join(' | '));
  return { kind: 'markdown', text, title, markup: true };
}
