/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then line, then
 * sentence, then word boundaries; `safeCut` moves a cut back out of anything that must not be
 * broken (a channel's markup). Nothing is lost: the pieces joined give the text back.
 */
export function splitAtBoundaries(text: string, max: number, safeCut: (s: string, at: number) => number = (_s, at) => at): string[] {
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
    at = safeCut(rest, at <= 0 ? max : at);
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
