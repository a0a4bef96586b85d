/**
 * What Teams would read as markup in a TextBlock or a message: HTML tags (`<b>`, `<a href>`),
 * `<at>` mentions and autolinks all start with `<` followed by a letter, `/`, `!`, `@` or `#`;
 * a Markdown link is `[label](url)`. A word joiner (invisible, U+2060) after the `<` or between
 * `]` and `(` leaves the characters on screen and the markup dead.
 */
const JOIN = '\u2060';
const TAG_START = /<(?=[A-Za-z/!@#?])/g;

/** Text that may come from people, documents, updates or a model, shown as plain text on Teams. */
export function plainCardText(text: string): string {
  return markdownCardText(text).replace(/\]\(/g, `]${JOIN}(`);
}

/**
 * Markdown Regia renders in a card (an answer): emphasis, lists and Markdown links stay;
 * HTML, `<at>` mentions and `<...>` autolinks written into the text stay text.
 */
export function markdownCardText(text: string): string {
  return text.replace(TAG_START, `<${JOIN}`);
}
