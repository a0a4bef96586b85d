import { expect, test } from 'vitest';
import { fold } from '../../src/core/language.ts';

test('fold: lower case without diacritics, apostrophes unified; the same answer the second time and for ASCII', () => {
  for (let round = 0; round < 2; round++) {
    expect(fold('Comunità Energetica')).toBe('comunita energetica');
    expect(fold('Nicolò DOSSENA')).toBe('nicolo dossena');
    expect(fold('l’Hub `dati´')).toBe("l'hub 'dati'");
    expect(fold('ZLS: a che punto è?')).toBe('zls: a che punto e?');
    expect(fold('Plain ASCII, 42!')).toBe('plain ascii, 42!');
    expect(fold('é'.repeat(300))).toBe('e'.repeat(300));
  }
});
