import type { Lang } from '../types.ts';
import { COMMON_TEXTS } from './common.ts';
import { DIALOG_TEXTS } from './dialog.ts';
import type { Table } from './entry.ts';

/**
 * The one catalogue of user-facing texts, Italian and English. Each concern keeps its table in a
 * file of this folder with keys prefixed by the concern ("dialog.saved"); `t()` reads them all.
 */
export const TABLES = [COMMON_TEXTS, DIALOG_TEXTS] as const satisfies readonly Table[];

type Merged<U> = (U extends unknown ? (u: U) => void : never) extends (m: infer M) => void ? M : never;
const CATALOGUE = Object.assign({}, ...TABLES) as Merged<(typeof TABLES)[number]>;

export type TextKey = keyof typeof CATALOGUE;
type Params<K extends TextKey> = (typeof CATALOGUE)[K]['it'] extends (...params: infer P) => string ? P : [];

/** The text `key` in `lang`, filled with its parameters (if it takes any). */
export function t<K extends TextKey>(lang: Lang, key: K, ...params: Params<K>): string {
  const text = CATALOGUE[key][lang] as string | ((...p: unknown[]) => string);
  return typeof text === 'function' ? text(...params) : text;
}
