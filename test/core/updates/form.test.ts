import { describe, expect, test } from 'vitest';
import { buildUpdateForm, validateUpdateForm } from '../../../src/core/updates/form.ts';
import { formatUpdatePreview } from '../../../src/core/updates/format.ts';
import { programmeFromFile } from './fixtures.ts';

const programme = programmeFromFile();
const now = new Date('2026-11-22T10:00:00Z');
const good = { project: 'zls', status: 'on_track', progress: '40', summary: 'Firmato il protocollo', due_date: '2027-03-31' };

describe('update form', () => {
  test('one definition: fields, labels in both languages, projects grouped by cantiere', () => {
    const form = buildUpdateForm(programme, 'en', { project: 'zls', progress: 40 });
    expect(form.fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ['project', 'select', true],
      ['status', 'radio', true],
      ['progress', 'number', false],
      ['summary', 'textarea', true],
      ['next_steps', 'textarea', false],
      ['blockers', 'textarea', false],
      ['due_date', 'date', false],
    ]);
    const project = form.fields[0];
    expect(project.initial).toBe('zls');
    expect(project.labels).toEqual({ it: 'Progetto', en: 'Project' });
    const c4 = project.groups!.find((g) => g.cantiereId === 'c4')!;
    expect(c4.options).toContainEqual({ value: 'zls', label: 'Zona Logistica Semplificata' });
    expect(form.fields[1].options!.map((o) => o.label)).toEqual(['Not started', 'On track', 'At risk', 'Blocked', 'Done']);
    expect(buildUpdateForm(programme, 'it').fields[1].options![3].label).toBe('Bloccato');
  });

  test('valid values become the update record', () => {
    const r = validateUpdateForm(programme, { ...good, project: 'Zona Logistica', due_date: '31/03/2027' }, 'it', { now });
    expect(r).toEqual({
      ok: true,
      value: { project: 'zls', status: 'on_track', progress: 40, summary: 'Firmato il protocollo', next_steps: null, blockers: null, due_date: '2027-03-31' },
    });
  });

  test('malformed values get field-specific messages in the user language', () => {
    const it = validateUpdateForm(programme, { project: 'ponte sullo stretto', status: 'benissimo', progress: '140', summary: '  ', due_date: '2020-01-01' }, 'it', { now });
    expect(it.ok).toBe(false);
    if (it.ok) return;
    expect(it.errors.project).toMatch(/^Progetto «ponte sullo stretto» sconosciuto/);
    expect(it.errors.status).toMatch(/^Stato «benissimo» non valido: scegli tra Non avviato, In linea/);
    expect(it.errors.progress).toBe("L'avanzamento deve essere un numero intero da 0 a 100 (hai indicato «140»).");
    expect(it.errors.summary).toBe('Scrivi un breve riepilogo di cosa è successo.');
    expect(it.errors.due_date).toMatch(/^La scadenza 2020-01-01 è già passata/);
    const en = validateUpdateForm(programme, { ...good, progress: '12.5', due_date: '31/02/2027' }, 'en', { now });
    expect(en.ok || en.errors).toEqual({
      progress: 'Progress must be a whole number from 0 to 100 (you gave "12.5").',
      due_date: 'Invalid date "31/02/2027": use YYYY-MM-DD (e.g. 2027-03-31) or DD/MM/YYYY.',
    });
    // Past due dates can be allowed (imports of history).
    expect(validateUpdateForm(programme, { ...good, due_date: '2020-01-01' }, 'en', { now, allowPastDueDate: true }).ok).toBe(true);
  });

  test('archived projects take no new updates', () => {
    const archived = structuredClone(programme);
    archived.cantieri[3].projects[0].archived = true;
    const r = validateUpdateForm(archived, good, 'en', { now });
    expect(!r.ok && r.errors.project).toMatch(/Project "Zona Logistica Semplificata" is archived/);
  });

  test('preview text, in Italian and English', () => {
    const record = { project: 'zls', status: 'at_risk' as const, progress: 55, summary: 'Conferenza slittata', next_steps: null, blockers: 'Parere mancante', due_date: '2027-03-31' };
    expect(formatUpdatePreview(record, 'it', programme)).toBe(
      'Progetto: Zona Logistica Semplificata (zls)\nStato: A rischio\nAvanzamento: 55%\nCosa è successo: Conferenza slittata\nProssimi passi: —\nOstacoli: Parere mancante\nScadenza: 31 marzo 2027',
    );
    expect(formatUpdatePreview(record, 'en')).toMatch(/^Project: zls\nStatus: At risk\nProgress: 55%/);
  });
});
