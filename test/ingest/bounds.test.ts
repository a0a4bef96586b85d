import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { expandPaths } from '../../ingest/files.ts';
import { checkDocxExpansion } from '../../ingest/loaders/docx.ts';
import { loadPdf } from '../../ingest/loaders/pdf.ts';
import { ingestPaths, prepareDocument } from '../../ingest/pipeline.ts';
import type { AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PROGRAMME } from '../../src/demo.ts';
import { createLogger } from '../../src/log.ts';
import { loadProgramme, parseProgrammeFile, ProgrammeFileError } from '../../src/programme/load.ts';
import { readProgramme } from '../../src/programme/model.ts';
import { describeEachEngine } from '../support/db.ts';
import { IngestError } from '../../ingest/types.ts';

const tmp = mkdtempSync(join(tmpdir(), 'regia-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function pdf(pages: number, line: (page: number, n: number) => string, lines = 6): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const p = doc.addPage([595, 842]);
    for (let l = 0; l < lines; l++) p.drawText(line(i, l), { x: 30, y: 800 - l * 20, size: 10, font });
  }
  return doc.save();
}

describe('bounded inputs', () => {
  test('a DOCX whose parts would expand past the limit is refused before any inflating', () => {
    // 8 MB of one repeated byte compresses to a few KB: a small zip bomb.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(8 * 1024 * 1024).fill(32) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => checkDocxExpansion(bomb, 4 * 1024 * 1024)).toThrow(/expands to 8 MB of XML, over the 4 MB limit/);
    expect(() => checkDocxExpansion(bomb, 16 * 1024 * 1024)).not.toThrow();
  });

  test('a PDF over the page limit goes in with its first pages, and says what was left out', async () => {
    const bytes = await pdf(5, (p, l) => `Pagina ${p + 1} riga ${l}: il cantiere ${p} lavora sul progetto ${p * 7 + l}.`);
    const loaded = await loadPdf(bytes, undefined, 2);
    expect(loaded.text).toContain('Pagina 2 riga');
    expect(loaded.text).not.toContain('Pagina 3 riga');
    expect(loaded.notes).toEqual(['only the first 2 of 5 pages were ingested (page limit)']);
  });

  test('a register whose lines repeat on every page but for the numbers keeps its text', async () => {
    const bytes = await pdf(3, (p, l) => `Riga ${l} della pagina ${p + 1}: la Zona Logistica Semplificata del cantiere ${(p % 9) + 1} attrae imprese.`, 30);
    const dir = join(tmp, 'register');
    mkdirSync(dir);
    writeFileSync(join(dir, 'registro.pdf'), bytes);
    const prepared = await prepareDocument({ path: join(dir, 'registro.pdf'), source: 'registro.pdf' }, bytes, null);
    const text = prepared.chunks.map((c) => c.text).join('\n');
    expect(text).toContain('Riga 0 della pagina 1');
    expect(text).toContain('Riga 29 della pagina 3');
  });

  test('inside a folder, links out of it, links to folders, broken links and named pipes are skipped and reported', () => {
    const outside = join(tmp, 'outside');
    const dir = join(tmp, 'links');
    mkdirSync(outside);
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(outside, 'secret.md'), '# Segreto');
    writeFileSync(join(dir, 'good.md'), '# Buono');
    writeFileSync(join(dir, 'sub', 'inner.md'), '# Interno');
    symlinkSync(join(outside, 'secret.md'), join(dir, 'to-secret.md'));
    symlinkSync(outside, join(dir, 'to-outside'));
    symlinkSync('..', join(dir, 'loop'));
    symlinkSync(join(dir, 'missing.md'), join(dir, 'dangling.md'));
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    symlinkSync(join(dir, 'sub', 'inner.md'), join(dir, 'alias.md'));
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const { files, skipped } = expandPaths([dir]);
    expect(files.sort()).toEqual([join(dir, 'alias.md'), join(dir, 'good.md'), join(dir, 'sub', 'inner.md')]);
    const why = Object.fromEntries(skipped.map((s) => [s.file.slice(dir.length + 1), s.reason]));
    expect(why).toEqual({
      'dangling.md': 'broken symbolic link: not followed',
      loop: 'symbolic link to something outside the folder: not followed',
      'pipe.md': 'a named pipe: not read',
      'to-outside': 'symbolic link to something outside the folder: not followed',
      'to-secret.md': 'symbolic link to something outside the folder: not followed',
      'zero.txt': 'symbolic link to something outside the folder: not followed',
    });
  });

  test('a "billion laughs" or deeply nested programme file is refused with a message naming the file', () => {
    const laughs = ['programme: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) laughs.push(`l${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const file = join(tmp, 'laughs.yaml');
    writeFileSync(file, laughs.join('\n'));
    expect(() => parseProgrammeFile(file)).toThrow(ProgrammeFileError);
    expect(() => parseProgrammeFile(file)).toThrow(/^laughs\.yaml: bad YAML: too many alias expansions/);
    const deep = join(tmp, 'deep.yaml');
    writeFileSync(deep, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(() => parseProgrammeFile(deep)).toThrow(/^deep\.yaml: bad YAML/);
  });
});

describeEachEngine('programme integrity in ingestion', (s) => {
  let app: AppContext;
  beforeEach(async () => {
    const config = loadConfig({ REGIA_DEMO: 'off' }, { dotenv: false });
    app = { config, log: createLogger('silent'), db: s.db, programme: () => readProgramme(s.db), close: async () => {} };
    await loadProgramme(s.db, parseProgrammeFile(DEMO_PROGRAMME));
  });

  test('a project sheet cannot move a programme project to another cantiere; the folder\'s other files still go in', async () => {
    const dir = join(tmp, `rehome-${s.engine}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'schede.yaml'), 'projects:\n  - id: zls\n    name: ZLS spostata\n    cantiere: c8\n');
    writeFileSync(join(dir, 'nota.md'), '# Nota\n\nIl cantiere 4 ha firmato il protocollo della Zona Logistica Semplificata.\n');
    const summary = await ingestPaths(app, [dir]);
    expect(summary.added).toBe(1);
    expect(summary.failed).toEqual([
      { file: 'schede.yaml', reason: expect.stringMatching(/project "zls"\): the project belongs to cantiere 4 \(c4\) and a project sheet cannot move it to "c8"/) },
    ]);
    const [zls] = await s.db.query(`SELECT cantiere_id, name FROM projects WHERE id = 'zls'`);
    expect(zls.cantiere_id).toBe('c4');
  });

  test('the ingestion summary reports skipped entries as warnings, and the rest goes in', async () => {
    const dir = join(tmp, `fifo-${s.engine}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'nota.md'), '# Nota\n\nIl cantiere 4 ha firmato il protocollo.\n');
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const summary = await ingestPaths(app, [dir]);
    expect(summary).toMatchObject({ added: 1, failed: [], warnings: [{ file: join(dir, 'pipe.md'), reason: 'a named pipe: not read' }] });
  });
});

test('IngestError is what a refused file carries', () => {
  expect(new IngestError('x')).toBeInstanceOf(Error);
});
