/**
 * Bounds on text before analysis. Tokenising, stemming and the regular expressions of query
 * understanding are fast on words and sentences, but a single 100,000-character "word" makes
 * some of them quadratic; no real word is longer than a few dozen characters.
 */
export const MAX_TOKEN_CHARS = 64;

/** A question is a few sentences; a pasted page is cut to its start (what people ask first). */
export const MAX_QUESTION_CHARS = 2000;

const LONG_TOKEN = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, 'g');

/** Every run of non-space characters longer than the bound, cut to the bound. */
export function cutLongTokens(text: string): string {
  return text.replace(LONG_TOKEN, (t) => t.slice(0, MAX_TOKEN_CHARS));
}

/** A question as analysis sees it: long tokens cut, then at most MAX_QUESTION_CHARS characters. */
export function boundQuestion(question: string): string {
  // Cut first on a generous prefix, so a 10 MB paste costs no more than a long question.
  return cutLongTokens(question.slice(0, MAX_QUESTION_CHARS * MAX_TOKEN_CHARS)).slice(0, MAX_QUESTION_CHARS);
}

/** Cuts `text` to at most `max` characters at a word boundary, with a visible ellipsis (plain text). */
export function clipText(text: string, max: number): string {
  if ([...text].length <= max) return text;
  const cut = [...text].slice(0, Math.max(0, max - 1)).join('');
  const space = cut.search(/\s\S*$/);
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
