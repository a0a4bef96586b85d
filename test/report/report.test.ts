import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import mammoth from 'mammoth';
import { afterAll, expect, test } from 'vitest';
import { formatNumber, formatValue } from '../../src/core/indicators/format.ts';
import { readIndicators } from '../../src/core/indicators/catalogue.ts';
import { importIndicatorValues } from '../../src/core/indicators/import.ts';
import { latestPerDay, listIndicatorValues } from '../../src/core/indicators/store.ts';
import { buildReport, type ReportData } from '../../src/core/report/build.ts';
import type { Actor } from '../../src/core/types.ts';
import { saveUpdate } from '../../src/core/updates/store.ts';
import { loadProgramme, parseProgrammeFile } from '../../src/programme/load.ts';
import { reportDocument, type ReportDocument } from '../../src/report/document.ts';
import { renderDocument } from '../../src/report/index.ts';
import { ROOT } from '../support/cli.ts';
import { describeEachEngine } from '../support/db.ts';
import { appOver } from '../core/updates/fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'regia-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cli = (name: string): Actor => ({ platform: 'cli', userId: name.toLowerCase().replace(/\W+/g, '-'), displayName: name });
const NOW = new Date('2026-11-30T18:00:00Z');

describeEachEngine('the monitoring report', (s) => {
  let data: ReportData;
  /** Laid out once (the charts are the costly part), rendered in every format. */
  let doc: ReportDocument;
  /** The figures the records hold: every indicator's latest value and target, as the report writes them. */
  let figures: string[];

  test('built from the records: overview first, every project and indicator, every statement with its source', async () => {
    await loadProgramme(s.db, parseProgrammeFile(join(ROOT, 'examples', 'programme.yaml')));
    const app = appOver(s.db);
    await importIndicatorValues(app, 'values.csv', readFileSync(join(ROOT, 'examples', 'indicator-values.csv'), 'utf8'), (n) => cli(n ?? 'Operatore'));
    const u = (project: string, status: 'on_track' | 'at_risk' | 'blocked', progress: number, summary: string, day: string, blockers: string | null = null) =>
      saveUpdate(app, { project, status, progress, summary, next_steps: null, blockers, due_date: null }, cli('Nicolò Dossena'), { source: 'import', createdAt: new Date(`${day}T10:00:00Z`) });
    const old = await u('hub-dati', 'on_track', 10, 'Avviato il catalogo', '2025-06-01');
    const first = await u('hub-dati', 'on_track', 40, 'Pubblicati i primi dataset', '2026-03-10');
    const last = await u('hub-dati', 'at_risk', 60, 'Ritardo nella fornitura dei dati comunali', '2026-10-20', 'Manca la convenzione con i Comuni');
    data = await buildReport(app, { to: '2026-11-30', now: NOW });
    doc = await reportDocument(data);
    expect(data.period).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    const hub = data.cantieri.find((c) => c.id === 'c8')!.projects.find((p) => p.id === 'hub-dati')!;
    expect(hub).toMatchObject({ status: 'at_risk', progress: 60, lastUpdate: { date: '2026-10-20', ref: `U${last.id}` }, blockers: { text: 'Manca la convenzione con i Comuni', ref: `U${last.id}` } });
    // History over the period only; the update before it still sets nothing in the period.
    expect(hub.history.map((h) => h.ref)).toEqual([`U${first.id}`, `U${last.id}`]);
    expect(data.sources.some((x) => x.ref === `U${old.id}`)).toBe(false);
    const indicators = await readIndicators(s.db);
    const values = await listIndicatorValues(s.db);
    expect(data.cantieri.flatMap((c) => c.indicators).map((x) => x.indicator.id).sort()).toEqual(indicators.map((i) => i.id).sort());
    figures = indicators.flatMap((i) => {
      const own = latestPerDay(values.filter((v) => v.indicatorId === i.id));
      const ri = data.cantieri.flatMap((c) => c.indicators).find((x) => x.indicator.id === i.id)!;
      expect(ri.latestRef).toBe(`V${own.at(-1)!.id}`);
      return [formatValue(own.at(-1)!.value, i, 'it'), formatValue(ri.assessment.target!.value, i, 'it')];
    });
    // Every value and update cited is listed among the sources.
    const refs = new Set(data.sources.map((x) => x.ref));
    for (const c of data.cantieri) for (const ri of c.indicators) for (const v of ri.values) expect(refs.has(v.ref)).toBe(true);
    const one = await buildReport(app, { to: '2026-11-30', cantiereId: 'c5', now: NOW });
    expect(one.cantieri.map((c) => c.id)).toEqual(['c5']);
    await expect(buildReport(app, { cantiereId: 'c42', now: NOW })).rejects.toThrow(/unknown cantiere "c42"/);
  }, 180_000);

  test('HTML passes the validator and holds the figures of the records', async () => {
    const html = (await renderDocument(doc, 'html')).toString('utf8');
    const result = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    const messages = result.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
    expect(messages).toEqual([]);
    expect(html.indexOf('Quadro d’insieme')).toBeLessThan(html.indexOf('Cantiere 1 ·'));
    for (const f of figures) expect(html).toContain(f);
    expect((html.match(/<svg /g) ?? []).length).toBe(data.cantieri.flatMap((c) => c.indicators).length);
    expect(html).toMatch(/<tr id="ref-V\d+">/);
  }, 180_000);

  test('DOCX read back holds the same figures and a chart per indicator', async () => {
    const docx = await renderDocument(doc, 'docx');
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain('Quadro d’insieme');
    for (const f of figures) expect(text).toContain(f);
    for (const c of data.cantieri) for (const ri of c.indicators) for (const v of ri.values) expect(text).toContain(`[${v.ref}]`);
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    expect((html.match(/<img /g) ?? []).length).toBe(data.cantieri.flatMap((c) => c.indicators).length);
  }, 180_000);

  test('PDF opens: pages render to PNG, the overview comes first, one chart image per indicator', async () => {
    const pdf = await renderDocument(doc, 'pdf');
    const file = join(tmp, `report-${s.engine}.pdf`);
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(firstPage).toContain('Quadro d’insieme');
    for (const f of figures) expect(text.replace(/\s+/g, ' ')).toContain(f);
    // `pdfimages -list` rows: page, num, type (image, or smask for a PNG's alpha channel), ...
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
    expect(images.length).toBe(data.cantieri.flatMap((c) => c.indicators).length);
    execFileSync('pdftoppm', ['-r', '30', '-png', '-f', '1', '-l', '3', file, join(tmp, `page-${s.engine}`)]);
    const pngs = readdirSync(tmp).filter((f) => f.startsWith(`page-${s.engine}`));
    expect(pngs).toHaveLength(3);
    for (const p of pngs) expect(readFileSync(join(tmp, p)).subarray(1, 4).toString()).toBe('PNG');
  }, 180_000);

  test('Markdown carries the same figures, with charts inline', async () => {
    const md = (await renderDocument(doc, 'md')).toString('utf8');
    expect(md.startsWith('# Rapporto di monitoraggio')).toBe(true);
    for (const f of figures) expect(md).toContain(f);
    expect(md).toContain(formatNumber(90, 'it'));
    expect((md.match(/data:image\/svg\+xml;base64/g) ?? []).length).toBe(data.cantieri.flatMap((c) => c.indicators).length);
  }, 180_000);
}, { reset: false });
