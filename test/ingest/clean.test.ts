import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildVocabulary, cleanToBlocks, joinHyphenated, renderBlocks } from '../../ingest/clean.ts';
import { detectLang } from '../../src/core/language.ts';
import { findMentions, pickTitle, takeDateLine } from '../../ingest/metadata.ts';
import type { Programme } from '../../src/programme/model.ts';
import { SHARED } from '../support/cli.ts';

const CORPUS = join(SHARED, 'corpus');
const PLAN = join(CORPUS, readdirSync(CORPUS).find((f) => f.startsWith('002_'))!);

describe('cleaning the 2007 plan (a PDF flattened to text)', () => {
  const raw = readFileSync(PLAN, 'utf8');
  const cleaned = renderBlocks(cleanToBlocks(raw, { markup: false }));

  test('words hyphenated across line ends come out whole, with no "lun- go" left', () => {
    expect(raw).toMatch(/lun-\s*\ngo processo/);
    expect(cleaned).toContain('un lungo processo di riflessione');
    expect(cleaned).toContain('condividere visioni e strategie di sviluppo');
    expect(cleaned).not.toMatch(/\p{Ll}- \p{Ll}/u);
    expect(cleaned).not.toMatch(/\p{Ll}-\n\p{Ll}/u);
  });

  test('real compounds keep their hyphen', () => {
    expect(cleaned).toContain('medio-lungo');
    expect(cleaned).toContain('socio-economico');
  });

  test('a word broken across a page break, behind bullet debris and a footer, is joined', () => {
    expect(raw).toMatch(/e salva-\s*\n\s*\n!/);
    expect(cleaned).toContain('e salvaguardare le peculiarità produttive');
  });

  test('a paragraph interrupted by a table set in the text continues where it broke off', () => {
    expect(raw).toMatch(/monitorare e con-\s*\n\s*\n\+\+\+/);
    expect(cleaned).toContain('monitorare e confrontare le pratiche in uso negli enti pubblici');
  });

  test('running footers, page numbers and glyph-only lines are gone', () => {
    expect(raw).toContain('Il Patto per lo sviluppo per la provincia di Cremona 19');
    expect(cleaned).not.toContain('Il Patto per lo sviluppo per la provincia di Cremona 19');
    expect(cleaned).not.toMatch(/^\s*!\s*$/m);
    expect(cleaned).not.toMatch(/^\s*\d{1,3}\s*$/m);
  });

  test('numbered and keyword section titles become headings; a table of contents does not', () => {
    const headings = cleaned.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toContain('## 1.2 L’esperienza cremonese');
    expect(headings).toContain('## 1.3. La metodologia, gli attori e le fasi');
    expect(headings).toContain('# Asse strategico 1 – Il sistema agro-alimentare cremonese');
    // A chapter number glued to its title by the extraction ("2Le vision dello sviluppo").
    expect(headings).toContain('# 2 Le vision dello sviluppo in provincia di Cremona');
    expect(headings).toContain('# 4 La valutazione strategica e il monitoraggio dei progetti');
    expect(headings.filter((h) => h.includes('1.2 L'))).toHaveLength(1);
  });
});

describe('cleaning rules', () => {
  test('a line-end hyphen is dropped unless the document writes the compound with one', () => {
    const vocab = buildVocabulary('Un piano socio-economico. Il processo è lungo.');
    expect(joinHyphenated('socio-', 'economico', vocab)).toBe('socio-economico');
    expect(joinHyphenated('pro-', 'cesso', vocab)).toBe('processo');
    expect(joinHyphenated('Emilia-', 'Romagna', vocab)).toBe('Emilia-Romagna');
  });

  test('bullet glyphs become list items, soft wraps become spaces, paragraphs stay apart', () => {
    const blocks = cleanToBlocks('Obiettivi del piano:\n• attrarre nuove im-\nprese\n▪ formare i giovani\n\n\nSecondo   paragrafo\tcon spazi.', { markup: false });
    expect(renderBlocks(blocks)).toBe('Obiettivi del piano:\n- attrarre nuove imprese\n- formare i giovani\n\nSecondo paragrafo con spazi.');
  });

  test('Markdown headings are kept with their level', () => {
    const blocks = cleanToBlocks('# Titolo\n\nTesto.\n\n## Sezione\n\nAltro testo.', { markup: true });
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'Titolo' },
      { type: 'paragraph', text: 'Testo.' },
      { type: 'heading', level: 2, text: 'Sezione' },
      { type: 'paragraph', text: 'Altro testo.' },
    ]);
  });
});

describe('metadata', () => {
  test('a leading date line becomes the publication date and leaves the text', () => {
    expect(takeDateLine(' date 2025-10-21 A illustrare il lavoro')).toEqual({ text: 'A illustrare il lavoro', publishedOn: '2025-10-21' });
    expect(takeDateLine('date 2025-02-30\nTesto').publishedOn).toBeNull();
    expect(takeDateLine('Testo senza data').publishedOn).toBeNull();
  });

  test('language is guessed between Italian and English', () => {
    expect(detectLang('Il cantiere ha avviato la mappatura delle aree e dei servizi per le imprese.')).toBe('it');
    expect(detectLang('The cantiere has started mapping the areas and the services for the companies.')).toBe('en');
  });

  test('the title is the first line when it is one, else the opening sentence, never "Indice"', () => {
    const title = (raw: string) => pickTitle({ blocks: cleanToBlocks(raw, { markup: false }), rawText: raw, markup: false, fallback: 'f' });
    expect(title('Indice\n\nUn accordo\nper il futuro\n\nTesto lungo.')).toBe('Un accordo per il futuro');
    expect(title(`A.T.S. per lo sviluppo del Masterplan 3C\nTra il 2018 ed il 2019 l’Associazione ha promosso ${'molte iniziative '.repeat(10)}`)).toBe(
      'A.T.S. per lo sviluppo del Masterplan 3C',
    );
  });

  test('cantieri and projects are found through names and aliases, acronyms only when capitalised', () => {
    const programme = {
      cantieri: [
        { id: 'c4', number: '4', name: 'Infrastrutture e Connessioni', projects: [{ id: 'zls', name: 'Zona Logistica Semplificata', aliases: ['ZLS'] }] },
        { id: 'c2', number: '2', name: 'Formazione, Università e ITS', projects: [{ id: 'its', name: 'Nuova formazione ITS', aliases: ['ITS'] }] },
        { id: 'c8', number: '8', name: 'Potenziamento del digitale', projects: [] },
      ],
    } as unknown as Programme;
    expect(findMentions('La Zls avanza; the group did its job.', programme)).toEqual({ cantieri: ['c4'], projects: ['zls'] });
    expect(findMentions('Il Cantiere 8 si è riunito (non il cantiere 80).', programme)).toEqual({ cantieri: ['c8'], projects: [] });
  });
});
