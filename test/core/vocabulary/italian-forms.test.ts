import { expect, test } from 'vitest';
import { stem } from '../../../src/core/embedding/analyze.ts';
import { italianForms } from '../../../src/core/vocabulary/italian-forms.ts';
import { translations, vocabularyFor } from '../../../src/core/vocabulary/vocabulary.ts';

test('an Italian verb brings the forms its stem misses: irregular participle, action and agent nouns', () => {
  expect(stem('raggiungere')).not.toBe(stem('raggiunto'));
  expect(italianForms('raggiungere')).toContain('raggiunto');
  expect(italianForms('formare')).toEqual(expect.arrayContaining(['formazione', 'formatore']));
  expect(italianForms('classificazione')).toContain('classificare');
  // Phrases and other words have none.
  expect(italianForms('base d’asta')).toEqual([]);
  expect(italianForms('comune')).toEqual([]);
});

test('an English word reaches the Italian forms of its translation that documents use', () => {
  const v = vocabularyFor();
  // "reach" is listed as "raggiungere"; a document says "è stato raggiunto".
  expect(translations(['reached'], 'en', v)[0]).toContain('raggiunto');
  // "train" is listed as "formare"; a document speaks of "formazione".
  expect(translations(['train'], 'en', v)[0]).toContain('formazione');
});
