import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeEach, expect, test } from 'vitest';
import { ingestPaths } from '../../ingest/pipeline.ts';
import type { AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PROGRAMME } from '../../src/demo.ts';
import { createLogger } from '../../src/log.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { SHARED } from '../support/cli.ts';
import { describeEachEngine } from '../support/db.ts';
import { pdfWithNul, writeBadInputs } from './fixtures.ts';
import { loadPdf } from '../../ingest/loaders/pdf.ts';

const CORPUS = join(SHARED, 'corpus');
const tmp = mkdtempSync(join(tmpdir(), 'regia-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeEachEngine('ingestion pipeline', (s) => {
  let app: AppContext;
  beforeEach(async () => {
    const config = loadConfig({ REGIA_MAX_FILE_MB: '1', REGIA_DEMO: 'off' }, { dotenv: false });
    app = { config, log: createLogger('silent'), db: s.db, programme: () => readProgramme(s.db), close: async () => {} };
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
  });
  const chunkIds = async () => (await s.db.query(`SELECT d.source, c.id FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY c.id`)).map((r) => `${r.source}#${r.id}`);

  test('the shared corpus goes in once: a second run finds 5 unchanged and writes no chunk', async () => {
    const first = await ingestPaths(app, [CORPUS]);
    expect(first).toMatchObject({ added: 5, unchanged: 0, replaced: 0, failed: [] });
    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM chunks`);
    expect(first.chunks).toBe(n);
    const docs = await s.db.query(`SELECT source, published_on, language, cantieri, projects, title FROM documents ORDER BY source`);
    expect(docs.map((d) => d.published_on)).toEqual(['2025-10-21', null, null, '2025-09-15', null]);
    expect(docs.every((d) => d.language === 'it')).toBe(true);
    expect(docs[0].cantieri).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6-7', 'c8', 'c9']);
    expect(docs[0].projects).toEqual(expect.arrayContaining(['zls', 'dmo', 'hub-dati', 'built-your-idea']));
    expect(docs[3].cantieri).toContain('c8');
    expect(docs[1].title).toBe('A.T.S. per lo sviluppo del Masterplan 3C');
    const sections = await s.db.query(`SELECT DISTINCT section FROM chunks WHERE section <> ''`);
    expect(sections.map((r) => r.section)).toEqual(expect.arrayContaining(['1.2 L’esperienza cremonese']));

    const before = await chunkIds();
    const second = await ingestPaths(app, [CORPUS]);
    expect(second).toEqual({ added: 0, unchanged: 5, replaced: 0, chunks: 0, failed: [], warnings: [] });
    expect(await chunkIds()).toEqual(before);
  });

  test('a PDF whose text holds NUL characters goes in without them', async () => {
    const pdf = pdfWithNul('Una introduzione alla composizione', 'tipografica dei documenti.');
    // The fixture does what the Italian lshort guide does: its extracted text carries NUL.
    expect((await loadPdf(pdf)).text).toContain('composizione \u0000 tipografica');
    const file = join(tmp, 'guida-nul.pdf');
    writeFileSync(file, pdf);
    expect(await ingestPaths(app, [file])).toMatchObject({ added: 1, failed: [] });
    const [doc] = await s.db.query(`SELECT c.text FROM documents d JOIN chunks c ON c.document_id = d.id WHERE d.source = 'guida-nul.pdf'`);
    expect(doc.text).toContain('composizione tipografica dei documenti');
    expect(doc.text).not.toContain('\u0000');
  });

  test('documents are written in batches, and one the database refuses fails alone', async () => {
    const dir = join(tmp, `batch-${s.engine}`);
    mkdirSync(dir, { recursive: true });
    for (const name of ['alfa', 'beta', 'gamma']) writeFileSync(join(dir, `${name}.md`), `# Nota ${name}\n\nIl comitato ha discusso il progetto ${name} e le sue prossime tappe.\n`);
    // A real refusal by the database, for one document of the batch.
    await s.db.exec(`CREATE FUNCTION refuse_beta() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.source LIKE '%beta.md' THEN RAISE EXCEPTION 'beta refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_beta BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_beta();`);
    try {
      const summary = await ingestPaths(app, [dir]);
      expect(summary).toMatchObject({ added: 2, failed: [{ file: expect.stringContaining('beta.md'), reason: expect.stringContaining('beta refused') }] });
      const stored = await s.db.query(`SELECT d.source, count(c.id)::int AS n FROM documents d JOIN chunks c ON c.document_id = d.id GROUP BY 1 ORDER BY 1`);
      expect(stored.map((r) => r.source)).toEqual([expect.stringContaining('alfa.md'), expect.stringContaining('gamma.md')]);
      expect(stored.every((r) => r.n > 0)).toBe(true);
    } finally {
      await s.db.exec('DROP TRIGGER refuse_beta ON documents; DROP FUNCTION refuse_beta();');
    }
  });

  test('a PDF title with a NUL character is stored without it', async () => {
    const pdf = await PDFDocument.create();
    pdf.setTitle('Guida\u0000 breve a LaTeX');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([595, 842]).drawText('Una introduzione alla composizione tipografica dei documenti.', { x: 50, y: 700, size: 12, font });
    const file = join(tmp, 'titolo-nul.pdf');
    writeFileSync(file, await pdf.save());
    expect(await ingestPaths(app, [file])).toMatchObject({ added: 1, failed: [] });
    const [doc] = await s.db.query(`SELECT title FROM documents WHERE source = 'titolo-nul.pdf'`);
    expect(doc.title).toBe('Guida breve a LaTeX');
  });

  test('editing one file replaces exactly that document, in place', async () => {
    const dir = join(tmp, `edit-${s.engine}`);
    cpSync(CORPUS, dir, { recursive: true });
    const edited = '003_6433d3022be689a4.txt';
    await ingestPaths(app, [dir]);
    const before = await chunkIds();
    const [docBefore] = await s.db.query(`SELECT id FROM documents WHERE source = $1`, [edited]);
    appendFileSync(join(dir, edited), '\n\nIl prossimo incontro del cantiere è fissato per il 12 dicembre presso la sede del consorzio.\n');
    const summary = await ingestPaths(app, [dir]);
    expect(summary).toMatchObject({ added: 0, unchanged: 4, replaced: 1, failed: [] });
    const after = await chunkIds();
    expect(after.filter((c) => !c.startsWith(edited))).toEqual(before.filter((c) => !c.startsWith(edited)));
    expect(after.filter((c) => c.startsWith(edited)).every((c) => !before.includes(c))).toBe(true);
    const rows = await s.db.query(`SELECT c.document_id, c.text FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.source = $1`, [edited]);
    expect(rows).toHaveLength(summary.chunks);
    expect(rows.every((r) => r.document_id === docBefore.id)).toBe(true);
    expect(rows.some((r) => r.text.includes('fissato per il 12 dicembre'))).toBe(true);
  });

  test('bad input next to good: the good goes in, each bad file is named with its reason and leaves nothing', async () => {
    const dir = join(tmp, `mixed-${s.engine}`);
    cpSync(CORPUS, dir, { recursive: true });
    const expected = await writeBadInputs(dir, 1);
    const summary = await ingestPaths(app, [dir, join(tmp, 'non-esiste.md')]);
    expect(summary.added).toBe(5);
    const reasons = Object.fromEntries(summary.failed.map((f) => [f.file, f.reason]));
    for (const [file, reason] of Object.entries(expected)) expect(reasons[file], file).toMatch(reason);
    expect(reasons[join(tmp, 'non-esiste.md')]).toBe('no such file or directory');
    expect(summary.failed).toHaveLength(Object.keys(expected).length + 1);
    const docs = await s.db.query(`SELECT source FROM documents`);
    expect(docs).toHaveLength(5);
    expect(await s.db.query(`SELECT id FROM projects WHERE id = 'osservatorio'`)).toEqual([]);
  });

  test('project sheets (YAML and CSV) upsert projects and become searchable, one chunk per project', async () => {
    const dir = join(tmp, `sheets-${s.engine}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'schede.yaml'),
      'projects:\n  - id: zls\n    name: Zona Logistica Semplificata\n    cantiere: "4"\n    aliases: [retroporto]\n    owner: Ufficio infrastrutture\n    budget: 250000\n' +
        '  - id: osservatorio\n    name: Osservatorio digitale\n    cantiere: c8\n    end: 2027-03-31\n    indicators: [comuni coinvolti]\n',
    );
    writeFileSync(join(dir, 'altri.csv'), 'id;name;cantiere;aliases;owner\nsportello-energia;Sportello energia;Cantiere 5;sportello CER|energia;Segreteria ATS\n');
    const summary = await ingestPaths(app, [dir]);
    expect(summary).toMatchObject({ added: 2, failed: [] });
    const projects = await s.db.query(`SELECT id, cantiere_id, aliases, metadata FROM projects WHERE id IN ('zls', 'osservatorio', 'sportello-energia') ORDER BY id`);
    expect(projects.map((p) => [p.id, p.cantiere_id])).toEqual([['osservatorio', 'c8'], ['sportello-energia', 'c5'], ['zls', 'c4']]);
    expect(projects[2].aliases).toEqual(expect.arrayContaining(['ZLS', 'zona logistica', 'retroporto']));
    expect(projects[2].metadata).toMatchObject({ origin: 'programme', sheet: { owner: 'Ufficio infrastrutture', budget: '250000' } });
    expect(projects[0].metadata).toMatchObject({ origin: 'sheet', sheet: { end: '2027-03-31', indicators: ['comuni coinvolti'] } });
    expect([...projects[1].aliases].sort()).toEqual(['energia', 'sportello CER']);
    const chunks = await s.db.query(`SELECT c.section, c.text FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.source = 'schede.yaml' ORDER BY ord`);
    expect(chunks.map((c) => c.section)).toEqual(['Zona Logistica Semplificata (zls)', 'Osservatorio digitale (osservatorio)']);
    expect(chunks[0].text).toContain('Responsabile (owner): Ufficio infrastrutture');
    const [doc] = await s.db.query(`SELECT kind, projects FROM documents WHERE source = 'altri.csv'`);
    expect(doc).toEqual({ kind: 'project_sheet', projects: ['cer', 'sportello-energia'] });
  });

  test('a sheet naming an unknown cantiere is refused whole: no project, no document', async () => {
    const dir = join(tmp, `badsheet-${s.engine}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'schede.csv'), 'id,name,cantiere\nbuono,Progetto buono,c8\naltro,Progetto altro,c99\n');
    const summary = await ingestPaths(app, [dir]);
    expect(summary.failed).toEqual([{ file: 'schede.csv', reason: expect.stringMatching(/^row 3 \(project "altro"\): unknown cantiere "c99"/) }]);
    expect(await s.db.query(`SELECT id FROM projects WHERE id IN ('buono', 'altro')`)).toEqual([]);
    expect(await s.db.query(`SELECT id FROM documents`)).toEqual([]);
  });

  test('files with the same name in different folders stay two documents', async () => {
    for (const sub of ['nord', 'sud']) {
      mkdirSync(join(tmp, `same-${s.engine}`, sub), { recursive: true });
      writeFileSync(join(tmp, `same-${s.engine}`, sub, 'note.md'), `# Note ${sub}\n\nIl cantiere del ${sub} ha completato la mappatura delle aree produttive.`);
    }
    const summary = await ingestPaths(app, [join(tmp, `same-${s.engine}`)]);
    expect(summary).toMatchObject({ added: 2, failed: [] });
    const docs = await s.db.query(`SELECT source, title FROM documents ORDER BY source`);
    expect(docs).toEqual([
      { source: 'nord/note.md', title: 'Note nord' },
      { source: 'sud/note.md', title: 'Note sud' },
    ]);
  });
});
