/** Text helpers shared by the update parser, the form and the dialog. */
import { fold } from '../language.ts';

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex matching `phrase` as whole words (flexible whitespace), on folded text. */
export function wholeWords(phrase: string): RegExp {
  const body = fold(phrase).trim().split(/\s+/).map(escapeRegExp).join('[\\s\\-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}
