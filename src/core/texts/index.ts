import type { Lang } from '../types.ts';
import answer from './answer.json' with { type: 'json' };
import board from './board.json' with { type: 'json' };
import common from './common.json' with { type: 'json' };
import dialog from './dialog.json' with { type: 'json' };
import digest from './digest.json' with { type: 'json' };
import documents from './documents.json' with { type: 'json' };
import indicators from './indicators.json' with { type: 'json' };
import report from './report.json' with { type: 'json' };
import slack from './slack.json' with { type: 'json' };
import teams from './teams.json' with { type: 'json' };
import updates from './updates.json' with { type: 'json' };

/**
 * The one catalogue of user-facing texts, Italian and English. Each concern keeps its table in a
 * JSON file of this folder (`slack.json`, `digest.json`, ...); a key is "concern.name". A text
 * names its parameters in braces: `{n}` is the value, `{n:passaggio|passaggi}` picks the singular
 * or the plural form by `n`. An array is a text of several lines.
 */
export const CATALOGUE = { answer, board, common, dialog, digest, documents, indicators, report, slack, teams, updates } as const;

type Catalogue = typeof CATALOGUE;
export type TextKey = { [C in keyof Catalogue]: `${C}.${keyof Catalogue[C] & string}` }[keyof Catalogue];
export type TextParams = Readonly<Record<string, string | number>>;
type Text = string | readonly string[];

const PLACEHOLDER = /\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g;

export function entryOf(key: string): Record<Lang, Text> | undefined {
  const dot = key.indexOf('.');
  const table = CATALOGUE[key.slice(0, dot) as keyof Catalogue] as Record<string, Record<Lang, Text>> | undefined;
  return table?.[key.slice(dot + 1)];
}

/** The text `key` in `lang`, its `{placeholders}` filled from `params`. */
export function t(lang: Lang, key: TextKey, params: TextParams = {}): string {
  const entry = entryOf(key);
  if (!entry) throw new Error(`no text "${key}"`);
  const raw = entry[lang];
  const text = typeof raw === 'string' ? raw : raw.join('\n');
  return text.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (one === undefined) return String(value);
    return new Intl.PluralRules(lang).select(Number(value)) === 'one' ? one : (other ?? '');
  });
}

