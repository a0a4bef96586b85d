/**
 * Markdown (what the core and LLMs write) to Slack mrkdwn: `**b**` -> `*b*`, `*i*` -> `_i_`,
 * `[t](u)` -> `<u|t>`, headings to bold lines, `- x` to bullets; `&`, `<`, `>` escaped as Slack
 * requires. Code spans are left alone.
 */
export function toMrkdwn(markdown: string): string {
  const codes: string[] = [];
  // Protect code spans and blocks from every other rule.
  let s = markdown.replace(/```[\s\S]*?```|`[^`\n]+`/g, (m) => `\u0000${codes.push(m) - 1}\u0000`);
  s = escapeMrkdwn(s);
  const links: string[] = [];
  s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g, (_m, t: string, u: string) => `\u0002${links.push(`<${u}|${t.replace(/[|]/g, '/')}>`) - 1}\u0002`);
  s = s.replace(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm, (_m, h: string) => `\u0001${h.replace(/\*\*/g, '')}\u0001`);
  s = s.replace(/\*\*(?=\S)([^*\n]+?)\*\*|__(?=\S)([^_\n]+?)__/g, (_m, a?: string, b?: string) => `\u0001${a ?? b}\u0001`);
  s = s.replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)\*(?!\*)/g, (_m, pre: string, t: string) => `${pre}_${t}_`);
  s = s.replace(/~~(?=\S)([^~\n]+?)~~/g, '~$1~');
  s = s.replace(/^(\s*)[-*+]\s+/gm, '$1• ');
  s = s.replace(/\u0001/g, '*');
  s = s.replace(/\u0002(\d+)\u0002/g, (_m, i: string) => links[Number(i)]);
  s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]);
  return s;
}

/** Escapes the three characters Slack's text formatting treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts `text` to at most `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then line, then
 * sentence, then word boundaries (Block Kit section text is limited to 3000 characters).
 */
export function splitText(text: string, max = 3000): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = -1;
    for (const sep of ['\n\n', '\n', '. ', ' ']) {
      const i = window.lastIndexOf(sep);
      if (i > max * 0.3) {
        at = i + (sep === '. ' ? 1 : 0);
        break;
      }
    }
    if (at <= 0) at = max;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
