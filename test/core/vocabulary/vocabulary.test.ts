import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseProgrammeFile, ProgrammeFileError } from '../../../src/programme/load.ts';
import { analyzeQuery } from '../../../src/core/retrieval/query.ts';
import { generalVocabulary, parseVocabulary, translations, VOCABULARY_FILE, VocabularyFileError, vocabularyFor } from '../../../src/core/vocabulary/vocabulary.ts';
import type { Programme } from '../../../src/programme/model.ts';

const PROGRAMME = `
programme: { id: p, name: P, timezone: Europe/Rome }
cantieri:
  - id: c1
    number: 1
    name: Cloud
    projects: [{ id: psn, name: Polo Strategico Nazionale, aliases: [PSN] }]
glossary:
  - term: PDND
    translations: [national data platform]
    expansions: [Piattaforma Digitale Nazionale Dati]
`;

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof VocabularyFileError || e instanceof ProgrammeFileError) return e.problems;
    throw e;
  }
  throw new Error('expected an error');
}

function asProgramme(text: string): Programme {
  const f = parseProgrammeFile('p.yaml', text);
  return { id: 'p', name: 'P', timezone: 'Europe/Rome', language: 'it', digestCron: '0 9 * * 1', staleAfterDays: 21, reminderHoursBefore: 24, glossary: f.glossary, cantieri: [] };
}

test('the vocabulary data file loads, and every entry has a translation', () => {
  const v = generalVocabulary();
  expect(Object.keys(v.en_it).length).toBeGreaterThan(300);
  expect(v.en_it.mayor).toEqual(['sindaco']);
  for (const [key, values] of Object.entries(v.en_it)) expect(values.length, key).toBeGreaterThan(0);
  expect(() => parseVocabulary('vocabulary.json', readFileSync(VOCABULARY_FILE, 'utf8'))).not.toThrow();
});

test('a bad vocabulary file is refused with the place of each problem', () => {
  expect(problems(() => parseVocabulary('v.json', '{"en_it": {"river": []}}'))).toEqual(['en_it.river: at least one translation']);
  expect(problems(() => parseVocabulary('v.json', '{"en_it": {"river": ["fiume", 3]}}')).join()).toMatch(/^en_it\.river\[1\]: /);
  expect(problems(() => parseVocabulary('v.json', '{"en_it": ')).join()).toMatch(/^bad JSON/);
  expect(problems(() => parseVocabulary('v.json', '{}')).join()).toMatch(/^en_it: /);
});

test('English plurals and phrases find their Italian translations, longest phrase first', () => {
  const v = vocabularyFor();
  const t = translations(['the', 'steering', 'committee', 'mayors'], 'en', v);
  expect(t[1]).toContain('cabina di regia');
  expect(t[3]).toEqual(['sindaco']);
  expect(translations(['how', 'many', 'days'], 'en', v)[2]).toContain('giorni');
  expect(translations(['in', 'july', '2022'], 'en', v)[1]).toEqual(['luglio']);
  // Italian questions are not read through the English side ("come" is not "come").
  expect(translations(['come'], 'it', v)[0]).toEqual([]);
});

test('the programme glossary loads and links a term, its translations and its expansions', () => {
  const p = asProgramme(PROGRAMME);
  expect(p.glossary).toEqual([{ term: 'PDND', translations: ['national data platform'], expansions: ['Piattaforma Digitale Nazionale Dati'] }]);
  const q = analyzeQuery('who runs the national data platform?', p);
  expect(q.expansions).toEqual(expect.arrayContaining(['PDND', 'Piattaforma Digitale Nazionale Dati']));
  const it = analyzeQuery('a cosa serve la PDND?', p);
  expect(it.expansions).toEqual(expect.arrayContaining(['Piattaforma Digitale Nazionale Dati', 'national data platform']));
});

test('glossary errors name the entry and the field', () => {
  const noTerm = PROGRAMME.replace('  - term: PDND\n    translations', '  - translations');
  expect(problems(() => parseProgrammeFile('p.yaml', noTerm))).toContain('glossary[0].term: required');
  const bare = `${PROGRAMME}  - term: SPID\n`;
  expect(problems(() => parseProgrammeFile('p.yaml', bare))).toContain('glossary[1]: a term needs at least one translation or expansion');
  const empty = PROGRAMME.replace('[national data platform]', '[""]');
  expect(problems(() => parseProgrammeFile('p.yaml', empty))).toContain('glossary[0].translations[0]: empty translation');
});
