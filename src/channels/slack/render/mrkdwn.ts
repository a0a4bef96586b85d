import { splitAtBoundaries } from '../../split.ts';
import { escapeMrkdwn } from './escape.ts';

/** A Markdown link `[label](url)`; the URL may hold balanced parentheses (`.../Cremona_(città)`). */
const MARKDOWN_LINK = /\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)(?:[^\s()]|\([^\s()]*\))+)\)/g;

/**
 * Markdown (what the core and models write) to Slack mrkdwn: `**b**` -> `*b*`, `*i*` -> `_i_`,
 * headings to bold lines, `- x` to bullets, `&`, `<`, `>` escaped, so nothing in the text becomes
 * a mention, a broadcast or a Slack link. With `links` (answers), `[t](u)` becomes `t (u)`, the
 * address in sight (Slack links it); without (people's updates), it stays as written. Code spans keep their content.
 */
export function toMrkdwn(markdown: string, { links = true } = {}): string {
  const kept: string[] = [];
  const keep = (value: string) => `\u0000${kept.push(value) - 1}\u0000`;
  // Code spans and blocks: escaped (Slack still parses <...> there), otherwise untouched.
  let s = markdown.replace(/```[\s\S]*?```|`[^`\n]+`/g, (m) => keep(escapeMrkdwn(m)));
  // A link shows where it goes: its label could be anyone's text (an update or a document quoted in
  // an answer), so `[Verbale firmato](https://evil.example)` must not hide the address behind it.
  if (links) s = s.replace(MARKDOWN_LINK, (_m, label: string, url: string) => keep(escapeMrkdwn(label.trim() === url ? url : `${label.trim()} (${url})`)));
  s = escapeMrkdwn(s);
  s = s.replace(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm, (_m, h: string) => `\u0001${h.replace(/\*\*/g, '')}\u0001`);
  s = s.replace(/\*\*(?=\S)([^*\n]+?)\*\*|__(?=\S)([^_\n]+?)__/g, (_m, a?: string, b?: string) => `\u0001${a ?? b}\u0001`);
  s = s.replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)\*(?!\*)/g, (_m, pre: string, t: string) => `${pre}_${t}_`);
  s = s.replace(/~~(?=\S)([^~\n]+?)~~/g, '~$1~');
  s = s.replace(/^(\s*)[-*+]\s+/gm, '$1• ');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 stands for a bold marker while the text is escaped
  s = s.replace(/\u0001/g, '*');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL delimits placeholders that no user text can contain
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]);
}

/**
 * The last position at or before `at` that does not fall inside an entity (`&amp;`) or a
 * `<...>` sequence of escaped mrkdwn, so a cut never breaks one.
 */
function safeCut(s: string, at: number): number {
  let cut = at;
  const open = s.lastIndexOf('<', cut - 1);
  if (open >= 0 && s.lastIndexOf('>', cut - 1) < open) cut = open;
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && !s.slice(amp, cut).includes(';')) cut = amp;
  return cut > 0 ? cut : at;
}

/** Cuts mrkdwn to at most `max` characters at a word boundary, with an ellipsis, never inside an entity or a link. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let cut = safeCut(clean, max - 1);
  const space = clean.lastIndexOf(' ', cut);
  if (space > max * 0.6) cut = safeCut(clean, space);
  return `${clean.slice(0, cut).trimEnd()}…`;
}

/**
 * Splits mrkdwn into pieces of at most `max` characters on paragraph, line, sentence or word
 * boundaries, never cutting an entity or a link (Block Kit section text is limited to 3000).
 */
export function splitText(text: string, max = 3000): string[] {
  return splitAtBoundaries(text, max, safeCut);
}

// Renderers that only escape import it from here too; its one definition is in escape.ts.
export { escapeMrkdwn } from './escape.ts';
