import type { Lang } from '../types.ts';

/**
 * One user-facing text in both languages: a plain sentence, or a function of its parameters.
 * Every concern's file is a table of these; `t()` in `index.ts` is the one way to read them.
 */
// biome-ignore lint/suspicious/noExplicitAny: each entry declares its own parameter types; `t()` recovers them.
export type Entry = Readonly<Record<Lang, string>> | Readonly<Record<Lang, (...params: any[]) => string>>;

export type Table = Readonly<Record<string, Entry>>;
