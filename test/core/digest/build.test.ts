import { expect, test } from 'vitest';
import { buildDigest, digestTime } from '../../../src/core/digest/build.ts';
import { renderDigestText } from '../../../src/core/digest/text.ts';
import { readProgramme } from '../../../src/programme/model.ts';
import { describeEachEngine } from '../../support/db.ts';
import { loadAts, seedCantiere8 } from './fixtures.ts';

describeEachEngine('digest data', (s) => {
  test('ATS cantiere 8 for 2026-W40: blockers and overdue first, changes since last week, due dates, stale projects', async () => {
    await loadAts(s.db);
    await seedCantiere8(s.db);
    const programme = (await readProgramme(s.db))!;
    const asOf = digestTime(programme, '2026-W40', new Date('2026-11-22T12:00:00Z'));
    expect(asOf.toISOString()).toBe('2026-09-28T07:00:00.000Z'); // Monday 09:00 in Rome (CEST)
    const d = await buildDigest(s.db, programme, 'c8', { week: '2026-W40', asOf });

    expect(d).toMatchObject({ week: '2026-W40', weekStart: '2026-09-28', weekEnd: '2026-10-04', asOfDate: '2026-09-28', lang: 'it' });
    expect(d.teamLeader?.name).toBe('Nicolò Dossena');
    expect(d.attention.map((a) => [a.projectId, a.blocked, a.overdue, a.daysOverdue])).toEqual([
      ['hub-dati', true, false, 0],
      ['digital-center', false, true, 7], // the revision moved the deadline to 21 Sep
    ]);
    const hub = d.projects.find((p) => p.id === 'hub-dati')!;
    expect(hub).toMatchObject({
      status: 'blocked', // the "done" logged after the digest time is not visible
      previousStatus: 'on_track',
      statusChanged: true,
      progress: 40,
      previousProgress: 30,
      progressDelta: 10,
      blockers: 'Attesa firma della convenzione',
      nextSteps: 'Firma della convenzione con la Provincia',
      updatesThisWeek: 1,
    });
    const dc = d.projects.find((p) => p.id === 'digital-center')!;
    expect(dc).toMatchObject({ status: 'at_risk', previousStatus: null, statusChanged: true, progress: 55, summary: 'Bando pubblicato, graduatoria in ritardo' });
    expect(d.dueSoon).toEqual([{ projectId: 'hub-dati', projectName: 'Hub Dati Provinciale', dueDate: '2026-10-05', daysLeft: 7, status: 'blocked' }]);
    expect(d.stale.map((x) => [x.projectId, x.daysSinceUpdate])).toEqual([['built-your-idea', 57]]);
    expect(d.summary).toBeNull();

    // A cantiere nobody updated: every project is stale, never updated; nothing to flag.
    const c4 = await buildDigest(s.db, programme, 'c4', { week: '2026-W40', asOf });
    expect(c4.attention).toEqual([]);
    expect(c4.stale.map((x) => [x.projectId, x.lastUpdateAt])).toEqual([
      ['zls', null],
      ['colli-di-bottiglia', null],
    ]);
    expect(c4.projects.every((p) => p.status === null)).toBe(true);
  });

  test('a week later the done project leaves the lists and the deadline passes into the overdue list', async () => {
    await loadAts(s.db);
    await seedCantiere8(s.db);
    const programme = (await readProgramme(s.db))!;
    const d = await buildDigest(s.db, programme, 'c8', { week: '2026-W41', asOf: new Date('2026-10-05T07:00:00Z') });
    const hub = d.projects.find((p) => p.id === 'hub-dati')!;
    expect(hub).toMatchObject({ status: 'done', previousStatus: 'blocked', progressDelta: 60 });
    expect(d.attention.map((a) => a.projectId)).toEqual(['digital-center']);
    expect(d.dueSoon).toEqual([]);
  });

  test('rendered as text in the programme language', async () => {
    await loadAts(s.db, { lang: 'en' });
    await seedCantiere8(s.db);
    const programme = (await readProgramme(s.db))!;
    const d = await buildDigest(s.db, programme, 'c8', { week: '2026-W40', asOf: new Date('2026-09-28T07:00:00Z') });
    const text = renderDigestText(d);
    expect(text).toContain('Weekly digest · Cantiere 8 – Potenziamento del digitale');
    expect(text.indexOf('Needs attention')).toBeLessThan(text.indexOf('Projects'));
    expect(text).toContain('Hub Dati Provinciale: Blocked (was: On track) · 40% (+10)');
    expect(text).toContain('overdue by 7 days (21 Sept 2026)'.replace('Sept', new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 8, 1)))));
    expect(text).toContain('@Nicolò Dossena');

    const it = await buildDigest(s.db, { ...programme, language: 'it' }, 'c8', { week: '2026-W40', asOf: new Date('2026-09-28T07:00:00Z') });
    expect(renderDigestText({ ...it, lang: 'it' })).toContain('Da sbloccare');
  });
});
