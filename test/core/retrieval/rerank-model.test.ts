import { expect, test } from 'vitest';
import { parseRetrievalWeights, retrievalWeights } from '../../../src/core/retrieval/rerank-model.ts';
import { holdsEvidence } from '../../../src/core/retrieval/rerank-fit.ts';

test('the weights file in the repository is read, one weight per named feature', () => {
  const w = retrievalWeights();
  expect(w.features.length).toBeGreaterThan(3);
  expect(w.weights).toHaveLength(w.features.length);
  expect(w.fitted_on.length).toBeGreaterThan(1);
});

test('weights for a feature the text analysis no longer computes are refused by name', () => {
  const text = JSON.stringify({ fitted_on: [], features: ['bias', 'coverage', 'gone'], weights: [0, 1, 2] });
  expect(() => parseRetrievalWeights('w.json', text)).toThrow(/gone/);
  expect(() => parseRetrievalWeights('w.json', JSON.stringify({ features: ['bias'], weights: [0, 1] }))).toThrow(/1 features but 2 weights/);
});

test('a chunk holds the evidence as the scorer reads it: layout and hyphenated breaks do not count', () => {
  const evidence = 'ha preso avvio con deliberazione di Giunta Regionale n. 8/1639 del 29 dicembre 2005';
  expect(holdsEvidence('Lo strumento ha preso av-\nvio con deliberazione di Giunta  Regionale n. 8/1639 del 29 dicembre 2005.', evidence)).toBe(true);
  expect(holdsEvidence('La Giunta Regionale ha deliberato il 29 dicembre 2005.', evidence)).toBe(false);
});
