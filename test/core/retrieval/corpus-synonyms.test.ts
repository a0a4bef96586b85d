import { afterEach, expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { analyzeQuestion, corpusSynonyms } from '../../../src/core/retrieval/corpus-cognates.ts';
import { search } from '../../../src/core/retrieval/search.ts';
import { stem } from '../../../src/core/embedding/analyze.ts';
import { parseThesaurus, synonymsOf, useThesaurus } from '../../../src/core/vocabulary/thesaurus.ts';
import { seededApp } from './fixtures.ts';

/** A small thesaurus in the MyThes format, written for the tests. */
const THESAURUS = [
  'UTF-8',
  'ateneo|1',
  '(s.m.)|università|accademia|istituto superiore',
  'selva|1',
  '(s.f.)|giungla|foresta',
  'pianura|1',
  '(s.f.)|piana|bassa',
  'sentiero|8',
  '(s.m.)|via|strada|percorso|pista|tracciato|cammino|viottolo|mulattiera',
  '(s.m.)|metodo',
  '(s.m.)|modo',
  '(s.m.)|traccia',
  '(s.m.)|sistema',
  '(s.m.)|mezzo',
  '(s.m.)|procedura',
  '(s.m.)|corso',
].join('\n');

const CAMPUS = {
  source: 'universita.md',
  title: 'Accordo con le università',
  chunks: [
    { section: 'Borse', text: "Le università del territorio offrono quaranta borse di studio per la logistica, assegnate dall'ufficio orientamento." },
    { section: 'Boschi', text: 'La foresta demaniale accoglie le visite guidate delle scuole in primavera, lungo il percorso ad anello.' },
  ],
};

describeEachEngine('synonyms confirmed by the documents', (s) => {
  afterEach(() => useThesaurus(undefined));
  const setup = async () => {
    useThesaurus(parseThesaurus(THESAURUS));
    return seededApp(s.db, [CAMPUS]);
  };

  test('an Italian word the documents never use finds the passage by the synonym they use', async () => {
    const app = await setup();
    // The documents say "università", never "ateneo": the question's plural finds the entry too.
    const found = await corpusSynonyms(app.db, ['atenei']);
    expect(found.get('atenei')).toEqual(['università']);
    const q = await analyzeQuestion(app, 'quante borse di studio offrono gli atenei?', await app.programme());
    expect(q.concepts.find((c) => c.term === 'atenei')?.stems).toContain(stem('università'));
    const [first] = await search(app, 'quali atenei danno borse per la logistica?', { k: 3 });
    expect(first.text).toContain('università');
  });

  test('a word the documents use, and a word of many senses, are read as they are', async () => {
    const app = await setup();
    // "pianura" is in the documents ("bassa pianura"): its own word is the one meant.
    const found = await corpusSynonyms(app.db, ['pianura', 'sentieri']);
    expect(found.has('pianura')).toBe(false);
    // "sentiero" has many senses: the thesaurus cannot say which one a question means.
    expect(synonymsOf('sentieri', parseThesaurus(THESAURUS))).toEqual([]);
    expect(found.has('sentieri')).toBe(false);
    // Only synonyms the documents use count ("giungla" is in no document).
    const selve = await corpusSynonyms(app.db, ['selve']);
    expect(selve.get('selve')).toEqual(['foresta']);
  });

  test('without a thesaurus installed, questions are read as before', async () => {
    const app = await setup();
    useThesaurus(parseThesaurus(''));
    const q = await analyzeQuestion(app, 'quante borse di studio offrono gli atenei?', await app.programme());
    expect(q.expansions).not.toContain('università');
    expect(q.concepts.find((c) => c.term === 'atenei')?.stems).toEqual([stem('atenei')]);
  });
});
