import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { ask } from '../../../src/core/answer/ask.ts';
import { readIndicators } from '../../../src/core/indicators/catalogue.ts';
import { importIndicatorValues, IndicatorImportError } from '../../../src/core/indicators/import.ts';
import { parseIndicatorMessage, parseNumber } from '../../../src/core/indicators/parse.ts';
import { listIndicatorValues, saveIndicatorValue } from '../../../src/core/indicators/store.ts';
import type { Actor } from '../../../src/core/types.ts';
import { loadProgramme, parseProgrammeFile } from '../../../src/programme/load.ts';
import { ROOT } from '../../support/cli.ts';
import { describeEachEngine } from '../../support/db.ts';
import { appOver } from '../updates/fixtures.ts';
import { problemsOf } from '../../support/programme.ts';

const DEMO = join(ROOT, 'examples', 'programme.yaml');
const DEMO_VALUES = readFileSync(join(ROOT, 'examples', 'indicator-values.csv'), 'utf8');
const demoText = readFileSync(DEMO, 'utf8');
const cli = (name = 'Operatore'): Actor => ({ platform: 'cli', userId: name.toLowerCase(), displayName: name });
const slack = (userId: string, displayName: string): Actor => ({ platform: 'slack', userId, displayName });


test('a malformed indicator is refused with its place in the file', () => {
  expect(problemsOf(demoText.replace('direction: lower', 'direction: down')).join()).toMatch(/cantieri\[4\]\.indicators\[0\]\.direction: "higher" or "lower"/);
  expect(problemsOf(demoText.replace('targets: [{ value: 7.2, by: 2027-12-31 }]', 'targets: []')).join()).toMatch(/cantieri\[4\]\.indicators\[0\]\.targets: at least one target/);
  expect(problemsOf(demoText.replace('baseline: { value: 7.9, date: 2025-11-30 }', 'baseline: { value: "tanto", date: 2025-11-30 }')).join()).toMatch(
    /cantieri\[4\]\.indicators\[0\]\.baseline\.value: a number/,
  );
  expect(problemsOf(demoText.replace('{ value: 7.2, by: 2027-12-31 }', '{ value: 7.2, by: 2024-12-31 }')).join()).toMatch(/cantieri\[4\]\.indicators\[0\]\.targets\[0\]\.by: target date 2024-12-31 is not after the baseline/);
  expect(problemsOf(demoText.replace('- id: dataset-hub-dati', '- id: cer-costituite')).join()).toMatch(/projects\[0\]\.indicators\[0\]\.id: duplicate indicator id "cer-costituite"/);
});

test('numbers as people write them', () => {
  expect(parseNumber('1.450')).toBe(1450);
  expect(parseNumber('1,450')).toBe(1450);
  expect(parseNumber('3,5')).toBe(3.5);
  expect(parseNumber('92')).toBe(92);
  expect(parseNumber('1.234.567,8')).toBe(1234567.8);
});

describeEachEngine('indicators and their values', (s) => {
  const setup = async () => {
    await loadProgramme(s.db, parseProgrammeFile(DEMO));
    return appOver(s.db);
  };

  test('the programme loads its indicators, per cantiere and per project', async () => {
    await setup();
    const indicators = await readIndicators(s.db);
    expect(indicators.map((i) => i.id)).toContain('comuni-banda-ultralarga');
    const cer = indicators.find((i) => i.id === 'cer-costituite')!;
    expect(cer).toMatchObject({ cantiereId: 'c5', projectId: 'cer', direction: 'higher', baseline: { value: 2, date: '2025-11-30' } });
    expect(cer.targets).toEqual([{ value: 8, by: '2026-12-31' }, { value: 15, by: '2027-12-31' }]);
    expect(cer.name.en).toBe('Renewable energy communities set up');
  });

  test('CSV import: every value in with its author and source; twice adds nothing; one bad row and nothing is written', async () => {
    const app = await setup();
    const first = await importIndicatorValues(app, 'values.csv', DEMO_VALUES, (name) => cli(name ?? 'Operatore'));
    expect(first.added).toBe(DEMO_VALUES.trim().split('\n').length - 1);
    const again = await importIndicatorValues(app, 'values.csv', DEMO_VALUES, (name) => cli(name ?? 'Operatore'));
    expect(again).toMatchObject({ added: 0, unchanged: first.added });
    const bb = await listIndicatorValues(s.db, { indicatorIds: ['comuni-banda-ultralarga'] });
    expect(bb.at(-1)).toMatchObject({ value: 90, measuredOn: '2026-11-30', author: { displayName: 'Nicolò Dossena' }, origin: 'import', dataSource: 'Infratel Italia, mappa BUL' });
    const bad = 'indicator,value,date\ncomuni-banda-ultralarga,91,2026-11-30\nnope,3,2026-11-01\ncer-costituite,tre,2026-11-01\nco2-pro-capite,7.1,2020-01-01\n';
    const err = await importIndicatorValues(app, 'bad.csv', bad, () => cli()).catch((e) => e);
    expect(err).toBeInstanceOf(IndicatorImportError);
    expect(err.problems).toEqual(['line 3: unknown indicator "nope"', 'line 4: value "tre" is not a number']);
    const err2 = await importIndicatorValues(app, 'bad.csv', 'indicator,value,date\ncomuni-banda-ultralarga,91,2026-11-30\nco2-pro-capite,7.1,2020-01-01\n', () => cli()).catch((e) => e);
    expect(err2.problems.join()).toMatch(/line 3: co2-pro-capite: measurement date 2020-01-01 is before the baseline/);
    expect(await listIndicatorValues(s.db)).toHaveLength(first.added);
    await expect(importIndicatorValues(app, 'x.csv', 'indicator,amount\nx,1\n', () => cli())).rejects.toThrow(/missing column\(s\) value, date/);
  });

  test('a parsed message, once confirmed, is saved with its text; corrections are new rows and nothing is overwritten', async () => {
    const app = await setup();
    const programme = await app.programme();
    const indicators = await readIndicators(s.db);
    const now = new Date('2026-11-20T10:00:00Z');
    expect(parseIndicatorMessage(programme, indicators, 'broadband: now 92 municipalities', { now })).toMatchObject({ indicator: 'comuni-banda-ultralarga', value: 92, measuredOn: '2026-11-20' });
    expect(parseIndicatorMessage(programme, indicators, 'Hub Dati: 1.450 dataset pubblicati a ottobre', { now })).toMatchObject({ indicator: 'dataset-hub-dati', value: 1450, measuredOn: '2026-10-31' });
    expect(parseIndicatorMessage(programme, indicators, 'CER: siamo a 9 comunità costituite nel 2026', { now })).toMatchObject({ indicator: 'cer-costituite', value: 9 });
    const parsed = parseIndicatorMessage(programme, indicators, 'banda larga: 92 comuni a ottobre', { now });
    // The author confirmed the preview: the value goes in, with the message it came from.
    const saved = await saveIndicatorValue(app, { indicator: parsed.indicator!, value: parsed.value!, measuredOn: parsed.measuredOn }, cli(), { origin: 'message', sourceText: 'banda larga: 92 comuni a ottobre' });
    expect(saved).toMatchObject({ indicatorId: 'comuni-banda-ultralarga', value: 92, measuredOn: '2026-10-31', origin: 'message', sourceText: 'banda larga: 92 comuni a ottobre', dataSource: 'Infratel Italia' });
    const fixed = await saveIndicatorValue(app, { indicator: 'comuni-banda-ultralarga', value: 91, measuredOn: '2026-10-31' }, cli(), { origin: 'form', supersedes: saved.id });
    expect((await listIndicatorValues(s.db)).map((v) => [v.id, v.value])).toEqual([[fixed.id, 91]]);
    await expect(saveIndicatorValue(app, { indicator: 'comuni-banda-ultralarga', value: 90, measuredOn: '2026-10-31' }, cli(), { origin: 'form', supersedes: saved.id })).rejects.toThrow(/already corrected/);
    await expect(s.db.query(`UPDATE indicator_values SET value = 1 WHERE id = $1`, [saved.id])).rejects.toThrow(/append-only/);
    await expect(s.db.query(`DELETE FROM indicator_values WHERE id = $1`, [saved.id])).rejects.toThrow(/append-only/);
    expect((await s.db.query(`SELECT count(*)::int AS n FROM indicator_values`))[0].n).toBe(2);
  });

  test('authorised like updates: a member is refused and told who may log; the team leader and admins may', async () => {
    const app = await setup();
    const input = { indicator: 'comuni-banda-ultralarga', value: 93, measuredOn: '2026-11-15' };
    await expect(saveIndicatorValue(app, input, slack('U777', 'Paolo Bianchi'), { origin: 'form', lang: 'en' })).rejects.toThrow(/You cannot log updates for "Municipalities reached by ultra-fast broadband": ask the team leader of cantiere 8/);
    await expect(saveIndicatorValue(app, { ...input, indicator: 'cer-costituite' }, slack('U777', 'Paolo Bianchi'), { origin: 'form' })).rejects.toThrow(/Non puoi registrare/);
    expect(await listIndicatorValues(s.db)).toHaveLength(0);
    expect((await saveIndicatorValue(app, input, slack('U0000000008', 'Nicolò Dossena'), { origin: 'form' })).author.userId).toBe('U0000000008');
    expect((await saveIndicatorValue(app, { ...input, indicator: 'cer-costituite', value: 9 }, slack('U0000ADMIN', 'Segreteria'), { origin: 'form' })).value).toBe(9);
    await expect(saveIndicatorValue(app, { ...input, measuredOn: '2999-01-01' }, cli(), { origin: 'form' })).rejects.toThrow(/in the future/);
  });

  test("today is the programme's: past midnight in Rome, a value measured that day is taken while UTC is still on the day before", async () => {
    const app = await setup();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-01T23:30:00Z')); // 00:30 on 2 December in Europe/Rome
      const input = { indicator: 'comuni-banda-ultralarga', value: 93, measuredOn: '2026-12-02' };
      expect((await saveIndicatorValue(app, input, cli(), { origin: 'form' })).measuredOn).toBe('2026-12-02');
      await expect(saveIndicatorValue(app, { ...input, measuredOn: '2026-12-03' }, cli(), { origin: 'form' })).rejects.toThrow(/in the future/);
    } finally {
      vi.useRealTimers();
    }
  });

  test('"how far are we from the broadband target?" is answered from the values, cited, in the question\'s language', async () => {
    const app = await setup();
    await importIndicatorValues(app, 'values.csv', DEMO_VALUES, (name) => cli(name ?? 'Operatore'));
    const en = await ask(app, { question: 'how far are we from the broadband target?' });
    expect(en.intent).toBe('indicator');
    expect(en.language).toBe('en');
    expect(en.answer).toMatch(/90 municipalities as of 30 November 2026 \[1\]/);
    expect(en.answer).toMatch(/target 95 municipalities by 31 December 2026, gap to target: 5 municipalities/);
    expect(en.answer).toMatch(/Trend \+1\.6\d a month/);
    expect(en.answer).toMatch(/the target is at risk/);
    const [v] = await s.db.query(`SELECT id FROM indicator_values WHERE indicator_id = 'comuni-banda-ultralarga' AND measured_on = '2026-11-30'`);
    expect(en.citations[0]).toMatchObject({ n: 1, source: `indicator_value:${v.id}` });
    const it = await ask(app, { question: "a che punto è l'indicatore delle CER?" });
    expect(it).toMatchObject({ intent: 'indicator', language: 'it' });
    expect(it.answer).toMatch(/8 comunità al 30 novembre 2026 \[1\]; obiettivo 15 comunità entro il 31 dicembre 2027, distanza dall’obiettivo: 7 comunità/);
    expect(it.answer).toMatch(/Tendenza \+0,5 al mese/);
    // A status question about the same project is not an indicator question.
    expect((await ask(app, { question: "what's the status of CER?" })).intent).not.toBe('indicator');
  });
});
