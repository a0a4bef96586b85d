import { describe, expect, test } from 'vitest';
import { cleanToBlocks, renderBlocks } from '../../ingest/clean.ts';
import { loadDocument } from '../../ingest/loaders/index.ts';
import { IngestError } from '../../ingest/types.ts';
import { makeDocx, makeEncryptedPdf, makeMultiPagePdf, PDF_HEADER } from './fixtures.ts';

const cleaned = async (file: string, bytes: Uint8Array) => {
  const loaded = await loadDocument(file, bytes);
  return { loaded, text: renderBlocks(cleanToBlocks(loaded.text, { markup: loaded.markup })) };
};

const reasonOf = async (file: string, bytes: Uint8Array) => {
  try {
    await loadDocument(file, bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    return (err as Error).message;
  }
  return 'no error';
};

describe('loaders', () => {
  test('a generated multi-page PDF: headings by font size, no running header or page footer, words rejoined', async () => {
    const { loaded, text } = await cleaned('piano.pdf', await makeMultiPagePdf());
    expect(loaded.kind).toBe('pdf');
    expect(loaded.title).toBe('Piano territoriale di sviluppo');
    expect(text).not.toContain(PDF_HEADER);
    expect(text).not.toMatch(/Pagina \d di \d/);
    expect(text).toContain('# 1. Capitolo 1 del piano');
    expect(text).toContain('# 3. Capitolo 3 del piano');
    expect(text).toContain('imprese e associazioni in una cabina di regia comune.');
    expect(text).toContain('nelle aree portuali e retroportuali');
    expect(text).not.toMatch(/\p{L}-\s\p{Ll}/u);
  });

  test('a generated DOCX: heading levels, a hyphenated line break rejoined, bullets as list items', async () => {
    const { loaded, text } = await cleaned('verbale.docx', await makeDocx());
    expect(loaded.title).toBe('Verbale del cantiere digitale');
    expect(text).toBe(
      [
        '# Verbale del cantiere digitale',
        '## Presenze',
        'La riunione è stata coordinata dalla responsabile del cantiere, che ha illustrato il programma dei lavori e le prossime scadenze.',
        '## Decisioni',
        '- Il gruppo approva la mappatura delle infrastrutture digitali.\n- Il gruppo rinvia la scelta della piattaforma dati a dicembre.',
      ].join('\n\n'),
    );
  });

  test('HTML: title, headings and lists; scripts and navigation dropped', async () => {
    const html = '<html><head><title>Notizia</title><script>var x=1</script></head><body><nav>Home | Menu</nav><h1>Il Digital Center</h1><p>Il centro apre a <a href="/x">dicembre</a>.</p><ul><li>corsi</li><li>sportello</li></ul></body></html>';
    const { loaded, text } = await cleaned('notizia.html', new TextEncoder().encode(html));
    expect(loaded.title).toBe('Notizia');
    expect(text).toBe('# Il Digital Center\n\nIl centro apre a dicembre.\n\n- corsi\n- sportello');
  });

  test('bad input is refused with a specific reason', async () => {
    expect(await reasonOf('segreto.pdf', await makeEncryptedPdf())).toMatch(/encrypted \(password-protected\)/);
    expect(await reasonOf('rotto.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj <<'))).toMatch(/not a valid PDF/);
    expect(await reasonOf('rotto.docx', new TextEncoder().encode('not a zip'))).toMatch(/not a valid DOCX/);
    expect(await reasonOf('dati.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]))).toMatch(/binary content in a \.txt file/);
    expect(await reasonOf('foglio.xlsx', new Uint8Array([1]))).toMatch(/unsupported file type "\.xlsx"/);
  });

  test('legacy 8-bit text is read, not refused', async () => {
    const latin1 = Uint8Array.from([...'Attivit'].map((c) => c.charCodeAt(0)).concat([0xe0, 0x20, 0x61, 0x76, 0x76, 0x69, 0x61, 0x74, 0x61]));
    const { text } = await cleaned('vecchio.txt', latin1);
    expect(text).toBe('Attività avviata');
  });
});

describe('Markdown', () => {
  test('front matter gives title and date; links, emphasis and setext headings are simplified', async () => {
    const md = '---\ntitle: Nota ZLS\ndate: 2026-11-10\nauthor: x\n---\nStato\n=====\n\nLa **ZLS** è al [40%](http://x).\n\n* primo\n* secondo\n';
    const loaded = await loadDocument('nota.md', new TextEncoder().encode(md));
    expect(loaded.title).toBe('Nota ZLS');
    expect(loaded.text.startsWith('date 2026-11-10\n')).toBe(true);
    expect(renderBlocks(cleanToBlocks(loaded.text.replace(/^date .*\n/, ''), { markup: true }))).toBe('# Stato\n\nLa ZLS è al 40%.\n\n- primo\n- secondo');
  });
});
