import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CATALOGUE, t, type TextKey } from '../../../src/core/texts/index.ts';

const placeholders = (text: string | readonly string[]) =>
  [...new Set([...(typeof text === 'string' ? text : text.join('\n')).matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]))].sort();

const entries = Object.entries(CATALOGUE).flatMap(([concern, table]) =>
  Object.entries(table as Record<string, { it: string | string[]; en: string | string[] }>).map(([name, e]) => ({ key: `${concern}.${name}`, e })),
);

test('every text has both languages, with the same parameters', () => {
  expect(entries.length).toBeGreaterThan(150);
  for (const { key, e } of entries) {
    expect(e.it, key).toBeTruthy();
    expect(e.en, key).toBeTruthy();
    expect(placeholders(e.it), key).toEqual(placeholders(e.en));
  }
});

test('parameters are filled, plurals chosen by the count, missing parameters left visible', () => {
  expect(t('it', 'documents.added', { title: 'Verbale', name: 'v.pdf', n: 1 })).toBe('✅ Aggiunto: v.pdf («Verbale»), 1 passaggio.');
  expect(t('en', 'documents.added', { title: 'Minutes', name: 'v.pdf', n: 3 })).toBe('✅ Added: v.pdf ("Minutes"), 3 passages.');
  expect(t('it', 'digest.dueSoon', { n: 7 })).toBe('Scadenze nei prossimi 7 giorni');
  expect(t('en', 'digest.dueSoon')).toBe('Due in the next {n} days');
  expect(t('it', 'slack.help', { project: 'HUB', cantiere: '2' })).toContain('`@regia aggiorna HUB: ');
  expect(() => t('it', 'nowhere.nothing' as TextKey)).toThrow(/no text "nowhere.nothing"/);
});

test('the words every channel shares are written once', () => {
  const texts = entries.map(({ e }) => (typeof e.it === 'string' ? e.it : e.it.join('\n')));
  for (const word of ['Fonti', 'Salva', 'Annulla', 'Aggiornamento annullato: non ho salvato nulla.']) {
    expect(texts.filter((x) => x === word), word).toHaveLength(1);
  }
  // No programme's names in the catalogue: examples come from the programme file.
  const all = readFileSync(new URL('../../../src/core/texts/slack.json', import.meta.url), 'utf8') + readFileSync(new URL('../../../src/core/texts/teams.json', import.meta.url), 'utf8');
  expect(all).not.toMatch(/ZLS|cantiere 8/);
});
