import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkCanLogUpdate } from '../../../src/core/updates/auth.ts';
import { answerHistoryQuestion, parseHistoryPeriod, projectStatus } from '../../../src/core/updates/status.ts';
import { latestUpdates, listUpdates, revisionsOf, saveUpdate } from '../../../src/core/updates/store.ts';
import type { UpdateRecord } from '../../../src/core/updates/schema.ts';
import type { Actor } from '../../../src/core/types.ts';
import { describeEachEngine } from '../../support/db.ts';
import { appOver, loadTestProgramme } from './fixtures.ts';

const TEST_PROGRAMME = join(import.meta.dirname, 'programme.yaml');
const cli: Actor = { platform: 'cli', userId: 'op', displayName: 'Operatore' };
const record = (over: Partial<UpdateRecord> = {}): UpdateRecord => ({
  project: 'zls',
  status: 'on_track',
  progress: 40,
  summary: 'Firmato il protocollo',
  next_steps: null,
  blockers: null,
  due_date: null,
  ...over,
});

describeEachEngine('update storage and authorization', (s) => {
  test('an edit is a new revision; the old one stays and UPDATE/DELETE are refused', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    const first = await saveUpdate(app, record(), cli, { source: 'message', sourceText: 'update ZLS: firmato, 40%', sourceRef: 'msg-1' });
    const edit = await saveUpdate(app, record({ progress: 45 }), cli, { source: 'form', supersedes: first.id });
    expect(edit.supersedes).toBe(first.id);
    const revisions = await revisionsOf(s.db, edit.id);
    expect(revisions.map((r) => [r.id, r.progress])).toEqual([
      [first.id, 40],
      [edit.id, 45],
    ]);
    expect(revisions[0].sourceText).toBe('update ZLS: firmato, 40%');
    expect(revisions[0].author).toEqual({ platform: 'cli', userId: 'op', displayName: 'Operatore' });
    // Only the current revision counts as the project's latest and in lists.
    expect((await latestUpdates(s.db, { projectId: 'zls' })).map((u) => u.id)).toEqual([edit.id]);
    expect((await listUpdates(s.db, { cantiereId: 'c4' })).map((u) => u.id)).toEqual([edit.id]);
    await expect(saveUpdate(app, record({ progress: 50 }), cli, { source: 'form', supersedes: first.id })).rejects.toThrow(/already revised by #2/);
    await expect(s.db.query(`UPDATE updates SET progress = 99 WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(s.db.query(`DELETE FROM updates WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
  });

  test('lists by date with since/until, latest per project', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    await saveUpdate(app, record({ summary: 'ottobre' }), cli, { source: 'import', createdAt: new Date('2026-10-10T09:00:00Z') });
    await saveUpdate(app, record({ project: 'hub-dati', summary: 'hub' }), cli, { source: 'import', createdAt: new Date('2026-10-20T09:00:00Z') });
    await saveUpdate(app, record({ summary: 'novembre' }), cli, { source: 'import', createdAt: new Date('2026-11-05T09:00:00Z') });
    const october = await listUpdates(s.db, { since: '2026-10-01', until: '2026-11-01' });
    expect(october.map((u) => u.summary)).toEqual(['ottobre', 'hub']);
    const latest = await latestUpdates(s.db);
    expect(latest.map((u) => [u.project, u.summary])).toEqual([
      ['zls', 'novembre'],
      ['hub-dati', 'hub'],
    ]);
    await expect(saveUpdate(app, record({ project: 'nope' }), cli, { source: 'form' })).rejects.toThrow(/unknown project "nope"/);
  });

  const slack = (userId: string, displayName: string, email?: string): Actor => ({ platform: 'slack', userId, displayName, ...(email ? { email } : {}) });

  test('team leaders of the cantiere and admins may; others are told who may', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    // A display name proves nothing; the email Slack vouches for links the account to the team leader.
    expect((await checkCanLogUpdate(app, slack('U7', 'Giulia Ferrari'), 'zls')).ok).toBe(false);
    expect(await checkCanLogUpdate(app, slack('U1', 'Giulia', 'giulia.ferrari@example.org'), 'zls')).toEqual({ ok: true });
    // The admin named in the file by Slack id.
    expect(await checkCanLogUpdate(app, slack('U0ADMIN', 'Segreteria'), 'hub-dati')).toEqual({ ok: true });
    // Team leader of another cantiere.
    const other = await checkCanLogUpdate(app, slack('U8', 'Nicolo Dossena'), 'zls', 'it');
    expect(other.ok).toBe(false);
    expect(!other.ok && other.message).toMatch(/Giulia Ferrari/);
    const member = await checkCanLogUpdate(app, slack('U2', 'Paolo Bianchi'), 'zls', 'en');
    expect(member.ok).toBe(false);
    expect(!member.ok && member.message).toMatch(/team leader of cantiere 4 .*Giulia Ferrari.*admin \(Segreteria ATS\)/);
    // Once linked, the account stays linked without the email being presented again.
    expect(await checkCanLogUpdate(app, slack('U1', 'Giulia'), 'zls')).toEqual({ ok: true });
    // Local operators (CLI, console) act as admins.
    expect(await checkCanLogUpdate(app, { platform: 'console', userId: 'me', displayName: 'me' }, 'zls')).toEqual({ ok: true });
    // Policy "any member".
    const open = appOver(s.db, { updatePolicy: 'any_member' });
    expect(await checkCanLogUpdate(open, slack('U2', 'Paolo Bianchi'), 'zls')).toEqual({ ok: true });
  });

  test('status says how old the latest update is; history lists updates by date', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    const now = new Date('2026-11-22T10:00:00Z');
    const giulia: Actor = { platform: 'slack', userId: 'U1', displayName: 'Giulia Ferrari' };
    const at = (iso: string) => ({ source: 'message' as const, createdAt: new Date(iso) });
    await saveUpdate(app, record({ summary: 'Avviata la perimetrazione', progress: 20 }), giulia, at('2026-10-03T09:00:00Z'));
    await saveUpdate(app, record({ project: 'hub-dati', summary: 'Gara pubblicata' }), cli, at('2026-10-15T09:00:00Z'));
    await saveUpdate(app, record({ summary: 'Firmato il protocollo', progress: 40 }), cli, at('2026-10-28T09:00:00Z'));
    await saveUpdate(app, record({ status: 'at_risk', progress: 55, summary: 'Conferenza slittata', blockers: 'Parere mancante', next_steps: 'Nuova convocazione', due_date: '2027-01-31' }), giulia, at('2026-11-19T15:00:00Z'));

    const it = await projectStatus(app, 'zls', 'it', now);
    expect(it.latest?.summary).toBe('Conferenza slittata');
    expect(it.ageDays).toBe(3);
    expect(it.text).toBe(
      'Ultimo aggiornamento del 19 novembre 2026 (3 giorni fa), di Giulia Ferrari. Stato: a rischio, avanzamento 55%. Conferenza slittata. Prossimi passi: Nuova convocazione. Ostacoli: Parere mancante. Scadenza: 31 gennaio 2027.',
    );
    expect(it.citation).toMatchObject({ source: `update:${it.latest!.id}` });
    const en = await projectStatus(app, 'zls', 'en', new Date('2026-12-20T10:00:00Z'));
    expect(en.text).toMatch(/^Latest update on 19 November 2026 \(4 weeks ago\), by Giulia Ferrari\. Status: at risk, 55% complete\./);
    expect(en.stale).toBe(true);
    expect((await projectStatus(app, 'digital-center', 'en', now)).text).toBe('No update has been logged yet for "Digital Center provinciale".');

    const october = await answerHistoryQuestion(app, 'cosa è successo sulla ZLS a ottobre?', 'it', now);
    expect(october?.updates.map((u) => u.summary)).toEqual(['Avviata la perimetrazione', 'Firmato il protocollo']);
    expect(october?.text.split('\n')[0]).toBe('Aggiornamenti per «Zona Logistica Semplificata» a ottobre 2026 (2):');
    expect(october?.text).toMatch(/\[1\] 3 ottobre 2026 · Giulia Ferrari · In linea, 20% — Avviata la perimetrazione/);
    const week = await answerHistoryQuestion(app, 'updates this week', 'en', now);
    expect(week?.updates.map((u) => u.summary)).toEqual(['Conferenza slittata']);
    const quiet = await answerHistoryQuestion(app, 'updates last week on the Digital Center', 'en', now);
    expect(quiet?.text).toBe('No updates logged for "Digital Center provinciale" last week.');
    expect(await answerHistoryQuestion(app, 'chi coordina il cantiere 8?', 'it', now)).toBeNull();
  });
});

test('history periods', () => {
  const now = new Date('2026-11-22T10:00:00Z'); // a Sunday
  expect(parseHistoryPeriod('updates this week', now, 'Europe/Rome')).toMatchObject({ since: '2026-11-16', until: '2026-11-23' });
  expect(parseHistoryPeriod('la settimana scorsa', now)).toMatchObject({ since: '2026-11-09', until: '2026-11-16' });
  expect(parseHistoryPeriod('a dicembre', now)).toMatchObject({ since: '2025-12-01', until: '2026-01-01' });
  expect(parseHistoryPeriod('in October', now)).toMatchObject({ since: '2026-10-01', until: '2026-11-01' });
  expect(parseHistoryPeriod('negli ultimi 10 giorni', now)).toMatchObject({ since: '2026-11-13', until: '2026-11-23' });
  expect(parseHistoryPeriod('a che punto è la ZLS?', now)).toBeNull();
});
