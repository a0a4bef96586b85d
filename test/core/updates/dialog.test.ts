import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { runConsoleChat } from '../../../src/channels/console/chat.ts';
import { respond } from '../../../src/core/assistant.ts';
import { continueUpdateDialog, startUpdateDialog } from '../../../src/core/updates/dialog.ts';
import { listUpdates, revisionsOf } from '../../../src/core/updates/store.ts';
import type { Actor } from '../../../src/core/types.ts';
import { describeEachEngine } from '../../support/db.ts';
import { appOver, loadTestProgramme } from './fixtures.ts';

const TEST_PROGRAMME = join(import.meta.dirname, 'programme.yaml');
const now = new Date('2026-11-22T10:00:00Z');
const giulia: Actor = { platform: 'slack', userId: 'U1', displayName: 'Giulia Ferrari', email: 'giulia.ferrari@example.org' };

describeEachEngine('update dialog', (s) => {
  test('a dialog interrupted by a restart resumes; back, validation, preview, save and edit', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    let app = appOver(s.db);
    const key = { actor: giulia, conversationId: 'D1' };
    const say = async (text: string) => {
      const r = await continueUpdateDialog(app, key, text, now);
      if (!r) throw new Error(`no dialog reply to "${text}"`);
      return r;
    };
    const start = await startUpdateDialog(app, key, { lang: 'it', source: 'form', askOptional: true, now });
    expect(start.text).toMatch(/Progetto\?/);
    expect(start.text).toMatch(/Cantiere 4 · Infrastrutture e Connessioni: zls \(Zona Logistica Semplificata\)/);
    expect((await say('zona logistica')).text).toMatch(/Stato\?/);
    expect((await say('9')).text).toMatch(/Stato «9» non valido/);
    expect((await say('in ritardo')).text).toMatch(/Avanzamento\?/);
    expect((await say('140')).text).toMatch(/L'avanzamento deve essere un numero intero da 0 a 100 \(hai indicato «140»\)/);

    // Restart: close the database and open it again (a new process or another replica).
    await s.db.close();
    s.db = await s.target.open();
    app = appOver(s.db);

    expect((await say('55')).text).toMatch(/Cosa è successo\?/);
    expect((await say('indietro')).text).toMatch(/Avanzamento\?/);
    expect((await say('60%')).text).toMatch(/Cosa è successo\?/);
    expect((await say('Conferenza dei servizi slittata a gennaio')).text).toMatch(/Prossimi passi\?/);
    expect((await say('salta')).text).toMatch(/Ostacoli\?/);
    expect((await say('Manca il parere della Regione')).text).toMatch(/Scadenza\?/);
    expect((await say('01/01/2020')).text).toMatch(/La scadenza 2020-01-01 è già passata/);
    const preview = await say('31 marzo 2027');
    expect(preview.kind).toBe('update_preview');
    expect(preview.text).toMatch(/Stato: A rischio/);
    expect(preview.text).toMatch(/Scadenza: 31 marzo 2027/);
    expect(preview.text).toMatch(/«salva», «modifica» o «annulla»/);
    expect(await listUpdates(s.db)).toHaveLength(0); // nothing saved before confirmation
    const saved = await say('salva');
    expect(saved).toMatchObject({ kind: 'dialog', done: true });
    const [stored] = await listUpdates(s.db);
    expect(stored).toMatchObject({
      project: 'zls',
      status: 'at_risk',
      progress: 60,
      summary: 'Conferenza dei servizi slittata a gennaio',
      next_steps: null,
      blockers: 'Manca il parere della Regione',
      due_date: '2027-03-31',
      source: 'form',
      author: { platform: 'slack', userId: 'U1', displayName: 'Giulia Ferrari' },
    });

    // "modifica" right after saving makes a revision; the first version stays.
    expect((await say('modifica')).text).toMatch(/Cosa vuoi modificare\?/);
    expect((await say('avanzamento')).text).toMatch(/Avanzamento\?/);
    expect((await say('65')).kind).toBe('update_preview');
    await say('salva');
    const [current] = await listUpdates(s.db);
    expect(current.progress).toBe(65);
    expect(current.supersedes).toBe(stored.id);
    expect((await revisionsOf(s.db, current.id)).map((u) => u.progress)).toEqual([60, 65]);
  });

  test('cancel saves nothing; an unauthorised author is refused with who may do it', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    const key = { actor: giulia, conversationId: 'D2' };
    await startUpdateDialog(app, key, { lang: 'en', source: 'message', prefill: { project: 'zls' }, now });
    const cancelled = await continueUpdateDialog(app, key, 'cancel', now);
    expect(cancelled?.text).toMatch(/nothing was saved/);
    expect(await continueUpdateDialog(app, key, 'save', now)).toBeNull();
    expect(await listUpdates(s.db)).toHaveLength(0);

    const paolo: Actor = { platform: 'teams', userId: '29:paolo', displayName: 'Paolo Bianchi' };
    const refused = await respond(app, { actor: paolo, conversationId: 'T1', text: '@Regia update ZLS: the services conference slipped, 55%', now });
    expect(refused.kind).toBe('refused');
    expect(refused.kind === 'refused' && refused.text).toMatch(/Giulia Ferrari/);
  });

  test('a plain update message is parsed and previewed, then saved on confirmation', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    const text = '@regia update ZLS: firmato il protocollo, siamo al 40%, prossimo passo la delibera entro il 31 marzo 2027';
    const reply = await respond(app, { actor: giulia, conversationId: 'C1', text, now });
    expect(reply.kind).toBe('update_preview');
    if (reply.kind !== 'update_preview') return;
    expect(reply.draft).toMatchObject({ project: 'zls', status: 'on_track', progress: 40, due_date: '2027-03-31' });
    expect(reply.problems).toEqual({});
    const saved = await respond(app, { actor: giulia, conversationId: 'C1', text: 'salva', now });
    expect(saved.kind).toBe('dialog');
    const [stored] = await listUpdates(s.db);
    expect(stored).toMatchObject({ project: 'zls', progress: 40, source: 'message', sourceText: text });

    // A message that names no project asks for it first.
    const missing = await respond(app, { actor: giulia, conversationId: 'C2', text: 'aggiorna: siamo al 70%', now });
    expect(missing.kind).toBe('dialog');
    expect(missing.kind === 'dialog' && missing.text).toMatch(/Progetto\?/);
    // A question meanwhile is answered, and the dialog waits for its answer.
    const question = await respond(app, { actor: giulia, conversationId: 'C2', text: 'chi coordina il cantiere 8?', now });
    expect(question.kind).toBe('answer');
    expect(question.kind === 'answer' && question.answer.answer).toMatch(/\(Aggiornamento in corso: rispondi a «Progetto\?» oppure scrivi «annulla»\.\)$/);
    const resumed = await respond(app, { actor: giulia, conversationId: 'C2', text: 'colli di bottiglia', now });
    expect(resumed.kind).toBe('update_preview');
    expect(resumed.kind === 'update_preview' && resumed.draft).toMatchObject({ project: 'colli-di-bottiglia', progress: 70 });
  });

  test('the console chat runs the dialog: command, preview, save', async () => {
    await loadTestProgramme(s.db, TEST_PROGRAMME);
    const app = appOver(s.db);
    const input = Readable.from(['aggiorna Hub Dati: piattaforma in test, siamo al 70%\n', 'salva\n']);
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    await runConsoleChat(app, input, output);
    expect(text).toMatch(/Progetto: Hub Dati Provinciale \(hub-dati\)/);
    expect(text).toMatch(/Avanzamento: 70%/);
    expect(text).toMatch(/Salvato: aggiornamento #1 per «Hub Dati Provinciale»/);
    const [stored] = await listUpdates(s.db);
    expect(stored).toMatchObject({ project: 'hub-dati', progress: 70, source: 'message', author: { platform: 'console' } });
  });
});
