import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type DialogInput, type DialogState, initialState, type StepResult } from '../../../../src/core/updates/dialog/state.ts';
import { step } from '../../../../src/core/updates/dialog/step.ts';
import type { StoredUpdate } from '../../../../src/core/updates/store.ts';
import { programmeFromFile } from '../fixtures.ts';

// The state machine alone: no database, no channel; effects are answered by the test.
const ctx = { programme: programmeFromFile(join(import.meta.dirname, '..', 'programme.yaml')), now: new Date('2026-11-22T10:00:00Z') };
const fresh = (over: Partial<Parameters<typeof initialState>[0]> = {}) =>
  initialState({ lang: 'it', values: {}, pending: ['project', 'status', 'summary'], source: 'form', ...over });
const message = (text: string): DialogInput => ({ kind: 'message', text });
/** A dialog that has asked its first question. */
const begun = () => step(fresh(), { kind: 'begin', intro: false }, ctx).state!;

/** Steps through the messages, answering every authorise effect with "allowed". */
function say(state: DialogState, ...texts: string[]): StepResult {
  let r: StepResult = { state, reply: null, effects: [] };
  for (const text of texts) {
    r = step(r.state!, message(text), ctx);
    if (r.effects[0]?.kind === 'authorise') r = step(r.state!, { kind: 'authorised' }, ctx);
  }
  return r;
}

const stored = (id: number): StoredUpdate => ({
  id,
  project: 'zls',
  projectName: 'Zona Logistica Semplificata',
  cantiereId: 'c4',
  status: 'at_risk',
  progress: 40,
  summary: 'Firmato il protocollo',
  next_steps: null,
  blockers: null,
  due_date: null,
  author: { platform: 'slack', userId: 'U1', displayName: 'Giulia Ferrari' },
  source: 'form',
  sourceRef: null,
  sourceText: null,
  supersedes: null,
  createdAt: '2026-11-22T10:00:00Z',
});

describe('update dialog step', () => {
  test('begin asks the first missing field, with the intro when asked for; a prefilled project is authorised first', () => {
    const r = step(fresh(), { kind: 'begin', intro: true }, ctx);
    expect(r.effects).toEqual([]);
    expect(r.state).toMatchObject({ stage: 'ask', current: 'project', pending: ['status', 'summary'] });
    expect(r.reply?.text).toMatch(/^Nuovo aggiornamento di progetto\.\nProgetto\?/);
    expect(r.reply?.text).toContain('zls (Zona Logistica Semplificata)');

    const prefilled = step(fresh({ values: { project: 'zls' }, pending: ['status', 'summary'] }), { kind: 'begin', intro: false }, ctx);
    expect(prefilled).toMatchObject({ reply: null, effects: [{ kind: 'authorise', project: 'zls' }] });
    const allowed = step(prefilled.state!, { kind: 'authorised' }, ctx);
    expect(allowed.state).toMatchObject({ stage: 'ask', current: 'status' });
    expect(allowed.reply?.text).toMatch(/^Stato\?/);
    const refused = step(prefilled.state!, { kind: 'refused', message: 'Solo Giulia Ferrari può aggiornare zls.' }, ctx);
    expect(refused).toEqual({ state: null, reply: { kind: 'refused', text: 'Solo Giulia Ferrari può aggiornare zls.' }, effects: [] });
  });

  test('an answer naming a project asks to authorise it; a bad answer asks again with the reason', () => {
    const asked = begun();
    const named = step(asked, message('zona logistica'), ctx);
    expect(named.effects).toEqual([{ kind: 'authorise', project: 'zls' }]);
    expect(named.state?.values.project).toBe('zls');
    const status = step(named.state!, { kind: 'authorised' }, ctx).state!;
    const bad = step(status, message('9'), ctx);
    expect(bad.state).toEqual(status);
    expect(bad.reply?.text).toMatch(/^Stato «9» non valido/);
    expect(step(status, message('2'), ctx).state?.values.status).toBe('on_track');
  });

  test('back, a question meanwhile, cancel', () => {
    const first = begun();
    expect(step(first, message('indietro'), ctx).reply?.text).toMatch(/^Sei già alla prima domanda\.\nProgetto\?/);
    const second = say(first, 'zls').state!;
    const back = step(second, message('back'), ctx);
    expect(back.state).toMatchObject({ stage: 'ask', current: 'project', values: {} });
    // A question is not an answer: no reply, the dialog waits as it was.
    expect(step(second, message('chi coordina il cantiere 4?'), ctx)).toEqual({ state: second, reply: null, effects: [] });
    expect(step(second, message('Annulla'), ctx)).toEqual({
      state: null,
      reply: { kind: 'dialog', text: 'Aggiornamento annullato: non ho salvato nulla.', done: true },
      effects: [],
    });
  });

  test('the preview waits for save, which is an effect; its outcome decides the reply', () => {
    const preview = say(begun(), 'zls', 'in linea', 'Firmato il protocollo');
    expect(preview.reply?.kind).toBe('update_preview');
    expect(preview.state?.stage).toBe('confirm');
    expect(step(preview.state!, message('boh'), ctx).reply?.text).toBe('Non ho capito: rispondi «salva», «modifica» o «annulla».');
    const save = step(preview.state!, message('salva'), ctx);
    expect(save.reply).toBeNull();
    expect(save.effects).toEqual([
      { kind: 'save', values: { project: 'zls', status: 'on_track', summary: 'Firmato il protocollo' }, source: 'form', sourceText: null, supersedes: null },
    ]);

    const ok = step(save.state!, { kind: 'saved', result: { ok: true, stored: stored(7), announced: { posted: true, conversationId: 'C4', messageRef: '1' } } }, ctx);
    expect(ok.state).toMatchObject({ stage: 'saved', savedId: 7, values: {} });
    expect(ok.reply).toEqual({ kind: 'dialog', done: true, text: 'Salvato: aggiornamento #7 per «Zona Logistica Semplificata». Per correggerlo scrivi «modifica».' });

    const unposted = step(save.state!, { kind: 'saved', result: { ok: true, stored: stored(7), announced: { posted: false, why: 'failed', conversationId: 'C4', ref: 'R-1' } } }, ctx);
    expect(unposted.reply?.text).toMatch(/riferimento R-1\)\.$/);

    const invalid = step(save.state!, { kind: 'saved', result: { ok: false, reason: 'invalid', errors: { summary: 'Scrivi cosa è successo.' } } }, ctx);
    expect(invalid.state).toMatchObject({ stage: 'ask', current: 'summary' });
    expect(invalid.reply?.text).toMatch(/^Scrivi cosa è successo\.\nCosa è successo\?/);

    const dup = step(save.state!, { kind: 'saved', result: { ok: false, reason: 'duplicate' } }, ctx);
    expect(dup).toEqual({ state: null, reply: { kind: 'refused', text: 'Aggiornamento non salvato.' }, effects: [] });
  });

  test('edit after saving loads the revision; edit at the preview asks one field and comes back', () => {
    const saved = step(say(begun(), 'zls', 'in linea', 'Firmato').state!, message('salva'), ctx).state!;
    const done = step(saved, { kind: 'saved', result: { ok: true, stored: stored(7), announced: { posted: false, why: 'no_channel' } } }, ctx).state!;
    const edit = step(done, message('modifica'), ctx);
    expect(edit).toMatchObject({ reply: null, effects: [{ kind: 'load_revision', id: 7 }] });
    const choose = step(edit.state!, { kind: 'revision', update: stored(7) }, ctx);
    expect(choose.state).toMatchObject({ stage: 'choose_field', supersedes: 7, values: { project: 'zls', progress: 40 } });
    expect(choose.reply?.text).toMatch(/^Cosa vuoi modificare\?/);
    expect(step(edit.state!, { kind: 'revision', update: null }, ctx)).toEqual({ state: null, reply: null, effects: [] });
    // Anything but "modifica" after saving is a new message: the dialog is forgotten.
    expect(step(done, message('chi coordina il cantiere 4?'), ctx)).toEqual({ state: null, reply: null, effects: [] });

    const progress = step(choose.state!, message('avanzamento'), ctx);
    expect(progress.state).toMatchObject({ stage: 'ask', current: 'progress', backToConfirm: true });
    expect(progress.reply?.text).toMatch(/\nOra: 40$/);
    const again = say(progress.state!, '65');
    expect(again.state).toMatchObject({ stage: 'confirm', values: { progress: 65 } });
    expect(again.reply?.text).toMatch(/^Correzione dell'aggiornamento #7:/);
    expect(say(again.state!, 'modifica stato').state).toMatchObject({ stage: 'ask', current: 'status' });
  });

  test('step never changes the state it is given', () => {
    const state = say(begun(), 'zls', 'in linea').state!;
    const copy = structuredClone(state);
    step(state, message('Firmato il protocollo'), ctx);
    step(state, message('indietro'), ctx);
    expect(state).toEqual(copy);
  });
});
