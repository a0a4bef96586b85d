import { describe, expect, test } from 'vitest';
import { numberWordValue } from '../../src/core/number-words.ts';

describe('counts written in words', () => {
  test('Italian compounds: elided tens, hundreds, thousands, accents', () => {
    expect(numberWordValue('sessanta')).toBe(60);
    expect(numberWordValue('ventuno')).toBe(21);
    expect(numberWordValue('trentotto')).toBe(38);
    expect(numberWordValue('ventitré')).toBe(23);
    expect(numberWordValue('centotto')).toBe(108);
    expect(numberWordValue('duecentotré')).toBe(203);
    expect(numberWordValue('mille')).toBe(1000);
    expect(numberWordValue('tremila')).toBe(3000);
    expect(numberWordValue('duemilacinquecento')).toBe(2500);
    expect(numberWordValue('Una')).toBe(1);
  });

  test('English words, hyphenated or not', () => {
    expect(numberWordValue('twelve')).toBe(12);
    expect(numberWordValue('twenty-one')).toBe(21);
    expect(numberWordValue('forty two')).toBe(42);
  });

  test('words that are not counts are not read as numbers', () => {
    for (const w of ['milano', 'mila', 'unamila', 'progetti', 'cento anni', '']) expect(numberWordValue(w)).toBeNull();
  });
});
