import { describe, expect, test } from 'vitest';
import { inEnglish } from '../../../src/core/answer/in-english.ts';

describe('the short answer of an English question over Italian text', () => {
  test('a count in words, with what it counts, from the general vocabulary', () => {
    expect(inEnglish('sessanta incontri')).toBe('60 meetings');
    expect(inEnglish('ventitré comuni')).toBe('23 municipalities');
    expect(inEnglish('12 persone')).toBe('12 people');
    expect(inEnglish('cinque anni')).toBe('5 years');
    expect(inEnglish('20 giorni')).toBe('20 days');
    expect(inEnglish('240 iscritti')).toBe('240 iscritti'); // a participle is no count noun
  });

  test('Italian digit grouping and decimal comma become English ones', () => {
    expect(inEnglish('3.500 addetti')).toBe('3,500 workers');
    expect(inEnglish('1.200.000 euro')).toBe('€1,200,000');
    expect(inEnglish('4,4 miliardi di euro')).toBe('€4.4 billion');
    expect(inEnglish('€90 milioni')).toBe('€90 million');
    expect(inEnglish('50 milioni')).toBe('50 million');
  });

  test('shares, fractions and dates', () => {
    expect(inEnglish('27 per cento')).toBe('27%');
    expect(inEnglish('un quarto')).toBe('a quarter');
    expect(inEnglish('31 marzo 2026')).toBe('31 March 2026');
    expect(inEnglish('2026')).toBe('2026');
    expect(inEnglish('1° aprile 2021')).toBe('1 April 2021');
    expect(inEnglish('fine del 2025')).toBe('end of 2025');
  });

  test('units and their abbreviations, thousands and ISO dates are written the English way', () => {
    expect(inEnglish('1.500.000 mq')).toBe('1,500,000 m²');
    expect(inEnglish('340 gg')).toBe('340 days');
    expect(inEnglish('200 tonnellate')).toBe('200 tonnes');
    expect(inEnglish('1 ora')).toBe('1 hour');
    expect(inEnglish('14mila')).toBe('14,000');
    expect(inEnglish('quattromila')).toBe('4,000');
    expect(inEnglish('2023-04-03')).toBe('3 April 2023');
  });

  test('what it cannot render stays as the document writes it, never half translated', () => {
    expect(inEnglish('Politecnico di Milano')).toBe('Politecnico di Milano');
    expect(inEnglish('6 macroaree strategiche')).toBe('6 macroaree strategiche');
  });
});
