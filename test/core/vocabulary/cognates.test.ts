import { expect, test } from 'vitest';
import { cognateCandidates } from '../../../src/core/vocabulary/cognates.ts';

test('English words of Latin origin get their regular Italian forms among the candidates', () => {
  // Made-up and real words alike: the rules are spelling correspondences, not a word list.
  expect(cognateCandidates('administration')).toContain('amministrazione');
  expect(cognateCandidates('community')).toContain('comunità');
  expect(cognateCandidates('promoter')).toContain('promotore');
  expect(cognateCandidates('strategy')).toContain('strategia');
  expect(cognateCandidates('photographic')).toContain('fotografico');
  expect(cognateCandidates('contract')).toContain('contratto');
  expect(cognateCandidates('flurbication')).toContain('flurbicazione');
  expect(cognateCandidates('hydrogen')).toContain('idrogeno');
  expect(cognateCandidates('harmonisation')).toContain('armonizzazione');
  expect(cognateCandidates('diagnosis')).toContain('diagnosi');
  expect(cognateCandidates('passage')).toContain('passaggio');
  expect(cognateCandidates('electrification')).toContain('elettrificazione');
  expect(cognateCandidates('glompity')).toContain('glompità');
  expect(cognateCandidates('zentivement')).toContain('zentivemento');
});

test('short words get no guesses, and mid-length ones only by a telling ending', () => {
  expect(cognateCandidates('right')).toEqual([]);
  expect(cognateCandidates('quote')).toEqual([]);
  // Six letters: "-ment" says the word's origin; a bare "-er" plus an Italian ending does too, "+o" does not.
  expect(cognateCandidates('fundal')).toContain('fundale');
  expect(cognateCandidates('florin')).not.toContain('florino');
});
