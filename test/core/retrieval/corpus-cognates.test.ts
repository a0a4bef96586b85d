import { expect, test } from 'vitest';
import { describeEachEngine } from '../../support/db.ts';
import { analyzeQuestion, corpusCognates } from '../../../src/core/retrieval/corpus-cognates.ts';
import { search } from '../../../src/core/retrieval/search.ts';
import { stem } from '../../../src/core/embedding/analyze.ts';
import { seededApp } from './fixtures.ts';

const PARK = {
  source: 'parco.md',
  title: 'Piano del parco',
  chunks: [
    { section: 'Zone', text: 'La zonazione del parco distingue tre fasce di tutela, decise dalla comunità montana.' },
    { section: 'Rischi', text: 'La cybersicurezza dei sistemi del parco è affidata alla comunità montana; la sicurezza dei sentieri ai volontari. Il marketing è del consorzio.' },
  ],
};

describeEachEngine('cognates confirmed by the documents', (s) => {
  const setup = async () => {
    return seededApp(s.db, [PARK]);
  };

  test('an English word the vocabulary does not know is read as the Italian form the documents use', async () => {
    const app = await setup();
    // "zonation" is in no vocabulary: its regular Italian form "zonazione" is in the documents.
    const found = await corpusCognates(app.db, ['zonation', 'glompity']);
    expect(found.get('zonation')).toEqual(['zonazione']);
    // A guess the documents do not confirm is no translation.
    expect(found.has('glompity')).toBe(false);
    const q = await analyzeQuestion(app, 'what does the zonation of the park distinguish?', await app.programme());
    expect(q.concepts.find((c) => c.term === 'zonation')?.stems).toContain(stem('zonazione'));
    const [first] = await search(app, 'what does the zonation distinguish?', { k: 3 });
    expect(first.source).toBe('parco.md');
  });

  test('an English word that is the first part of a compound of the documents is read as the compound', async () => {
    const app = await setup();
    // "cybersicurezza" is "cyber" and "sicurezza", a word of the documents on its own.
    const found = await corpusCognates(app.db, ['cyber', 'marke', 'marketi']);
    expect(found.get('cyber')).toEqual(['cybersicurezza']);
    // A word that only starts like a longer one is not its first part.
    expect(found.has('marke')).toBe(false);
    expect(found.has('marketi')).toBe(false);
    const [first] = await search(app, 'who looks after the cyber side of the park?', { k: 3 });
    expect(first.text).toContain('cybersicurezza');
  });

  test('Italian questions and words the vocabulary knows are read as before', async () => {
    const app = await setup();
    const programme = await app.programme();
    const it = await analyzeQuestion(app, 'cosa distingue la zonazione del parco?', programme);
    expect(it.expansions).not.toContain('zonazione');
    const known = await analyzeQuestion(app, 'who opened the energy meeting?', programme);
    expect(known.concepts.find((c) => c.term === 'meeting')?.stems).toContain(stem('riunione'));
  });
});
