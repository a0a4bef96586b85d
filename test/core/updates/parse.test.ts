import { describe, expect, test } from 'vitest';
import { findDueDate, parseDateText } from '../../../src/core/updates/dates.ts';
import { parseUpdateOffline } from '../../../src/core/updates/offline-parse.ts';
import { extractUpdateCommand } from '../../../src/core/updates/parse.ts';
import { programmeFromFile, readEval, scoreParses } from './fixtures.ts';

const programme = programmeFromFile();
const now = new Date('2026-11-22T10:00:00Z');
const parse = (text: string) => parseUpdateOffline(programme, text, { now, timeZone: programme.timezone });

describe('offline update parser', () => {
  test('meets the targets on the updates dev set', () => {
    const items = readEval();
    const scores = scoreParses(items, new Map(items.map((i) => [i.id, parse(i.text)])));
    expect(scores.misses).toEqual([]);
    expect(scores.project).toBe(1);
    expect(scores.status).toBeGreaterThanOrEqual(0.9);
    expect(scores.progress).toBeGreaterThanOrEqual(0.95);
    expect(scores.due_date).toBeGreaterThanOrEqual(0.9);
  });

  // Messages written for this test (not from the dev set), of the same kind.
  test.each([
    ['Hub Dati: la piattaforma è in ritardo, manca ancora l\'accordo con la Regione. Siamo al 35%.', { project: 'hub-dati', status: 'at_risk', progress: 35, due_date: null, blockers: true }],
    ['CER - mappatura delle aree idonee conclusa, 100% fatto', { project: 'cer', status: 'done', progress: 100, due_date: null, blockers: false }],
    ['Update on the Comunità Energetiche Rinnovabili: blocked, we are waiting for the regional decree.', { project: 'cer', status: 'blocked', progress: null, blockers: true }],
    ['BYI: call for start-ups published, 12 applications so far, on track. Next step: jury by 15/01/2027.', { project: 'built-your-idea', status: 'on_track', progress: null, due_date: '2027-01-15', blockers: false }],
    ['Silver Economy non ancora avviato: partiamo a gennaio.', { project: 'silver-economy', status: 'not_started', progress: 0, due_date: null }],
    ['Gran Teatro: lavori in corso al 70%, consegna prevista entro fine giugno 2027, nessun problema.', { project: 'gran-teatro-infinity', status: 'on_track', progress: 70, due_date: '2027-06-30', blockers: false }],
    ['zona logistica: the services conference slipped to February, we risk losing the funding window. 60% complete.', { project: 'zls', status: 'at_risk', progress: 60, due_date: null, blockers: true }],
    ['Digital Center: kickoff held on 10 November 2026; next milestone: operating plan by March 31, 2027. About 15% done.', { project: 'digital-center', status: 'on_track', progress: 15, due_date: '2027-03-31', blockers: false }],
    ['fotovoltaico: delibera approvata, avanzamento 45%, scadenza 2027-05-15', { project: 'target-fotovoltaico', status: 'on_track', progress: 45, due_date: '2027-05-15', blockers: false }],
    // Named in English through the vocabulary; status phrasing of other kinds; durations are no dates.
    ['The energy communities work is in stand-by until the regional call reopens.', { project: 'cer', status: 'blocked', due_date: null }],
    ["The incubator for start-ups hasn't kicked off yet, the call is still being drafted.", { project: 'built-your-idea', status: 'not_started', progress: 0 }],
    ["Hub Dati: semaforo giallo, manca ancora la copertura del secondo lotto.", { project: 'hub-dati', status: 'at_risk' }],
    ["Silver Economy: 40% done, the Region hasn't answered in three weeks and it is holding everything up.", { project: 'silver-economy', status: 'blocked', progress: 40, due_date: null }],
    ['Gran Teatro: 80%, the target is end of March 2027.', { project: 'gran-teatro-infinity', status: 'on_track', progress: 80, due_date: '2027-03-31' }],
  ])('%s', (text, want) => {
    const p = parse(text);
    expect(p.project).toBe(want.project);
    expect(p.status).toBe(want.status);
    if ('progress' in want) expect(p.progress).toBe(want.progress);
    if ('due_date' in want) expect(p.due_date).toBe(want.due_date);
    if ('blockers' in want) expect(Boolean(p.blockers)).toBe(want.blockers);
    expect(p.summary).toBeTruthy();
  });

  test('longest name wins and whole words only', () => {
    // "Comunità Energetiche Rinnovabili" over the shorter alias; "its" inside "itself" is no project
    expect(parse('Comunità energetiche rinnovabili: avviate le assemblee').project).toBe('cer');
    expect(parse('The work itself is progressing').project).toBeNull();
    expect(parse('ZIS Agroalimentare: prima riunione svolta').project).toBe('zis-agroalimentare');
    // No name or alias written out: the project's own distinctive words, never a shared one.
    expect(parse('Teatro: lavori al 50%').project).toBe('gran-teatro-infinity');
    expect(parse('Comunità energetica di Crema costituita').project).toBe('cer');
    expect(parse('Agroalimentare: tavolo avviato').project).toBeNull();
    // The leading label names the subject, even when a longer name comes later.
    expect(parse('Fiera: incontro con il Digital Center, 30%').project).toBe('fiera-eventi');
    expect(parse('DMO: works will finish by late June 2027, currently at 60%')).toMatchObject({ status: 'on_track', progress: 60, due_date: '2027-06-30' });
    expect(parse('Fotovoltaico: the regional target map is 3/4 done')).toMatchObject({ status: 'on_track', progress: 75 });
    expect(parse('ZLS: avanzamento al 65, recuperato il ritardo sulla perimetrazione')).toMatchObject({ status: 'on_track', progress: 65 });
  });

  test('next steps and blockers are pulled out; "nessun blocco" means none', () => {
    const p = parse('ZLS: firmato il protocollo, siamo al 40%. Prossimo passo la delibera di giunta entro il 31 marzo 2027. Nessun blocco.');
    expect(p.next_steps).toMatch(/^La delibera di giunta/);
    expect(p.blockers).toBeNull();
    expect(p.summary).not.toMatch(/Nessun blocco/);
  });
});

describe('dates', () => {
  test('Italian and English forms', () => {
    for (const s of ['2027-03-31', '31/03/2027', '31 marzo 2027', 'March 31, 2027', '31st March 2027', 'entro il 31 marzo 2027', 'by March 31, 2027']) {
      expect(parseDateText(s, now, 'Europe/Rome'), s).toBe('2027-03-31');
    }
    expect(parseDateText('fine giugno 2027', now)).toBe('2027-06-30');
    expect(parseDateText('end of June 2027', now)).toBe('2027-06-30');
    expect(parseDateText('31/02/2027', now)).toBeNull();
    expect(parseDateText('domani', now, 'Europe/Rome')).toBe('2026-11-23');
    expect(parseDateText('presto', now)).toBeNull();
  });

  test('what it quotes keeps the message as written: markup, URLs, abbreviations and punctuation', () => {
    const text = 'ZLS: firmato con Alfa S.p.A. <!channel> <!here> <@U123> <https://evil.example/a.b?x=1&y=(2)|click>; siamo al 40%. Prossimo passo: gara su https://acquisti.example.it/bando.pdf entro il 31 marzo 2027.';
    const p = parse(text);
    expect(p.summary).toBe('Firmato con Alfa S.p.A. <!channel> <!here> <@U123> <https://evil.example/a.b?x=1&y=(2)|click>; siamo al 40%.');
    expect(p.next_steps).toBe('Gara su https://acquisti.example.it/bando.pdf entro il 31 marzo 2027');
    expect(p.progress).toBe(40);
  });

  test('a month named without a deadline word, or a past day, is no due date', () => {
    expect(findDueDate('present the plan at the Assise in October 2027', now)).toBeNull();
    expect(findDueDate('relazione consegnata il 18/11/2026', now)).toBeNull();
    expect(findDueDate('chiusura entro ottobre 2027', now)).toBe('2027-10-31');
    expect(findDueDate('la gara parte il 2027-02-01', now)).toBe('2027-02-01');
    expect(findDueDate('delibera entro il primo trimestre 2027', now)).toBe('2027-03-31');
    expect(findDueDate('go-live by Q2 2027', now)).toBe('2027-06-30');
    expect(findDueDate('statuto entro due settimane', now)).toBe('2026-12-06');
    expect(findDueDate('inaugurazione fatta il 3 novembre', now)).toBeNull();
    expect(findDueDate('invio al Ministero entro il 28 febbraio', now)).toBe('2027-02-28');
  });
});

describe('update commands', () => {
  test('recognised after a mention, in both languages', () => {
    expect(extractUpdateCommand('@regia update ZLS: firmato')).toBe('ZLS: firmato');
    expect(extractUpdateCommand('<@U123ABC> aggiorna ZLS, siamo al 40%')).toBe('ZLS, siamo al 40%');
    expect(extractUpdateCommand('Aggiornamento ZLS: firmato il protocollo')).toBe('ZLS: firmato il protocollo');
    expect(extractUpdateCommand('aggiorna')).toBe('');
    expect(extractUpdateCommand('update on ZLS?')).toBeNull();
    expect(extractUpdateCommand('a che punto è la ZLS?')).toBeNull();
    expect(extractUpdateCommand('updates this week')).toBeNull();
  });
});
