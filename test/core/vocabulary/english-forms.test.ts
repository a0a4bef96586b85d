import { expect, test } from 'vitest';
import { englishLemmas } from '../../../src/core/vocabulary/english-forms.ts';
import { translations, vocabularyFor } from '../../../src/core/vocabulary/vocabulary.ts';

test('inflected English words lead back to their dictionary forms', () => {
  expect(englishLemmas('kept')).toEqual(['keep']);
  expect(englishLemmas('written')).toEqual(['write']);
  expect(englishLemmas('exercised')).toContain('exercise');
  expect(englishLemmas('signed')).toContain('sign');
  expect(englishLemmas('planned')).toContain('plan');
  expect(englishLemmas('applied')).toEqual(['apply']);
  expect(englishLemmas('running')).toContain('run');
  expect(englishLemmas('making')).toContain('make');
  expect(englishLemmas('formally')).toContain('formal');
  expect(englishLemmas('keep')).toEqual([]);
});

test('a word the vocabulary lists only as a lemma is found inflected, in phrases too', () => {
  const v = vocabularyFor();
  // Listed as "keep", "carry out", "exercise": asked as "kept", "carried out", "exercised".
  expect(translations(['kept'], 'en', v)[0]).toContain('mantenere');
  expect(translations(['they', 'carried', 'out', 'the', 'plan'], 'en', v)[1]).toContain('svolgere');
  expect(translations(['exercised'], 'en', v)[0]).toContain('esercitare');
  // A listed inflected form wins over its lemma's entry ("united" is not read as "unit").
  expect(translations(['kept'], 'en', v)[0]).toEqual(translations(['keep'], 'en', v)[0]);
});
