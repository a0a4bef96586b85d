import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseUpdateOffline } from '../../../src/core/updates/offline-parse.ts';
import { STATUS_WEIGHTS_FILE, statusWeights } from '../../../src/core/updates/status-classifier.ts';
import { statusFeatureNames } from '../../../src/core/updates/status-features.ts';
import { fitSoftmax } from '../../../src/core/stats/softmax.ts';
import { fitOnProgrammes } from '../../../scripts/status-data.ts';
import { DEV_NOW, scoreProgramme, updateProgrammes } from '../../../scripts/updates-data.ts';
import { programmeFromFile } from './fixtures.ts';

const programme = programmeFromFile();
const now = new Date('2026-11-22T10:00:00Z');
const status = (text: string) => parseUpdateOffline(programme, text, { now, timeZone: programme.timezone }).status;

// Messages written for this test: neither dev items nor the training phrasings.
describe('status classifier', () => {
  test.each([
    ['Gran Teatro: i lavori vanno avanti regolarmente, siamo al 45%.', 'on_track'],
    ['The Digital Center fit-out is moving along nicely, roughly 30% done.', 'on_track'],
    ['Fiera: la consegna del padiglione è slittata di un mese, rischiamo di perdere la stagione.', 'at_risk'],
    ['Hub Dati is running late: the supplier delivered the servers three weeks behind schedule.', 'at_risk'],
    ['CER: tutto bloccato, la Regione ha sospeso il bando.', 'blocked'],
    ['Silver Economy is on hold until the new council approves the budget.', 'blocked'],
    ['ITS: corso terminato, tutti gli studenti diplomati. Concluso.', 'done'],
    ['Colli di bottiglia: final map delivered and accepted, all done.', 'done'],
    ['DMO non ancora avviato, lo statuto è ancora in bozza.', 'not_started'],
    ["Zafit hasn't begun yet: the partners are still being chosen.", 'not_started'],
  ])('%s -> %s', (text, want) => {
    expect(status(text)).toBe(want);
  });

  test('negation turns a cue around: "nessun blocco", "nothing blocking", "non ancora avviato", "problema risolto"', () => {
    expect(status('ZLS: protocollo firmato, nessun blocco.')).toBe('on_track');
    expect(status('Hub Dati: second dataset loaded, nothing blocking.')).toBe('on_track');
    expect(status('ZLS: avviato il tavolo tecnico.')).not.toBe('not_started');
    expect(status('ZLS: tavolo tecnico non ancora avviato.')).toBe('not_started');
    // A problem solved, before or after its word, is no longer a problem.
    expect(status('ZLS: problema risolto, si riparte, siamo al 50%.')).toBe('on_track');
    expect(status('ZLS: recuperato il ritardo sulla perimetrazione, siamo al 50%.')).toBe('on_track');
  });

  test('a message that gives no status gets none: "nulla di nuovo", "no news"', () => {
    for (const text of ['ZLS: nulla di nuovo questa settimana.', 'Hub Dati: niente di nuovo.', 'Fiera: no news since last week.', 'ITS: nothing new to report.']) {
      const p = parseUpdateOffline(programme, text, { now, timeZone: programme.timezone });
      expect(p.status, text).toBeNull();
      expect(p.progress, text).toBeNull();
      expect(p.project, text).not.toBeNull();
    }
  });
});

describe('fitting', () => {
  test('the weights file matches the features the parser computes', () => {
    expect(statusWeights().features).toEqual(statusFeatureNames());
  });

  test('the same data gives the same weights: the weights file is what scripts/fit-status.ts writes', () => {
    const programmes = updateProgrammes();
    const again = `${JSON.stringify(fitOnProgrammes(programmes), null, 1)}\n`;
    expect(again).toBe(readFileSync(STATUS_WEIGHTS_FILE, 'utf8'));
  });

  test('softmax fitting separates separable classes and is deterministic', () => {
    const xs = [
      [1, 1, 0],
      [1, 0, 1],
      [1, 1, 0],
      [1, 0, 1],
    ];
    const ys = [0, 1, 0, 1];
    const opts = { lambda: 0.01, iterations: 500, rate: 0.5 };
    const w = fitSoftmax(xs, ys, 2, opts);
    expect(w).toEqual(fitSoftmax(xs, ys, 2, opts));
    expect(w[0][1]).toBeGreaterThan(w[1][1]);
    expect(w[1][2]).toBeGreaterThan(w[0][2]);
  });

  test('on every development programme the parser meets the targets', () => {
    for (const p of updateProgrammes()) {
      for (const { set, scores } of scoreProgramme(p, statusWeights())) {
        expect(scores.project, set).toBeGreaterThanOrEqual(0.97);
        expect(scores.status, set).toBeGreaterThanOrEqual(0.9);
        expect(scores.progress, set).toBeGreaterThanOrEqual(0.95);
        expect(scores.due_date, set).toBeGreaterThanOrEqual(0.95);
      }
    }
    expect(DEV_NOW.toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });
});
