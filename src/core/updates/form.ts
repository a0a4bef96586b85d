import type { Programme } from '../../programme/model.ts';
import type { Lang } from '../types.ts';
import { parseDateText } from './dates.ts';
import { localDate } from '../time.ts';
import { resolveProjectRef } from './projects.ts';
import {
  STATUS_LABELS,
  SUMMARY_MAX,
  TEXT_MAX,
  UPDATE_STATUSES,
  updateRecordSchema,
  type UpdateFieldId,
  type UpdateRecord,
  type UpdateStatus,
} from './schema.ts';
import { fold } from '../language.ts';

/**
 * THE progress-update form: every rendering (each channel's form or card, the step-by-step
 * text dialog) is built from this definition and validated by `validateUpdateForm`; renderers
 * never define fields or messages themselves.
 */

export type FieldKind = 'select' | 'radio' | 'number' | 'text' | 'textarea' | 'date';

export interface FormOption {
  value: string;
  label: string;
}

export interface FormOptionGroup {
  /** e.g. "Cantiere 4 · Infrastrutture e Connessioni" */
  label: string;
  cantiereId: string;
  options: FormOption[];
}

export interface FormField {
  id: UpdateFieldId;
  kind: FieldKind;
  /** Label and hint in the form's language... */
  label: string;
  hint: string;
  /** ...and in both languages, for renderers that show both. */
  labels: Record<Lang, string>;
  hints: Record<Lang, string>;
  required: boolean;
  /** Value to show pre-filled: a string for text/select/date fields, a number for `progress`. */
  initial: string | number | null;
  /** select/radio: the flat list of choices... */
  options?: FormOption[];
  /** ...and, for the project, the same choices grouped by cantiere. */
  groups?: FormOptionGroup[];
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface FormDefinition {
  id: 'progress_update';
  lang: Lang;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  fields: FormField[];
}

type Bi = Record<Lang, string>;

export const FIELD_TEXT: Record<UpdateFieldId, { label: Bi; hint: Bi }> = {
  project: {
    label: { it: 'Progetto', en: 'Project' },
    hint: { it: 'Il progetto di cui dai notizie', en: 'The project this update is about' },
  },
  status: {
    label: { it: 'Stato', en: 'Status' },
    hint: { it: 'Come sta andando il progetto', en: 'How the project is going' },
  },
  progress: {
    label: { it: 'Avanzamento (%)', en: 'Progress (%)' },
    hint: { it: 'Un numero intero da 0 a 100; lascia vuoto se non lo sai', en: 'A whole number from 0 to 100; leave empty if unknown' },
  },
  summary: {
    label: { it: 'Cosa è successo', en: 'What happened' },
    hint: { it: 'Una o due frasi sui fatti principali', en: 'One or two sentences on the main facts' },
  },
  next_steps: {
    label: { it: 'Prossimi passi', en: 'Next steps' },
    hint: { it: 'Cosa succede dopo (facoltativo)', en: 'What comes next (optional)' },
  },
  blockers: {
    label: { it: 'Ostacoli', en: 'Blockers' },
    hint: { it: 'Cosa blocca o rallenta il lavoro (facoltativo)', en: 'What is in the way (optional)' },
  },
  due_date: {
    label: { it: 'Scadenza', en: 'Due date' },
    hint: { it: 'La prossima scadenza, es. 2027-03-31 (facoltativa)', en: 'The next deadline, e.g. 2027-03-31 (optional)' },
  },
};

export function statusOptions(lang: Lang): FormOption[] {
  return UPDATE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }));
}

/** Active projects grouped by cantiere ("Cantiere" is the programme's own word in both languages). */
export function projectGroups(programme: Programme, _lang: Lang): FormOptionGroup[] {
  return programme.cantieri
    .filter((c) => !c.archived)
    .map((c) => ({
      label: `Cantiere ${c.number} · ${c.name}`,
      cantiereId: c.id,
      options: c.projects.filter((p) => !p.archived).map((p) => ({ value: p.id, label: p.name })),
    }))
    .filter((g) => g.options.length > 0);
}

/** Prefill values: a parsed message or an earlier draft. */
export type UpdatePrefill = Partial<Record<UpdateFieldId, string | number | null>>;

export function buildUpdateForm(programme: Programme, lang: Lang, prefill: UpdatePrefill = {}): FormDefinition {
  const field = (id: UpdateFieldId, kind: FieldKind, required: boolean, extra: Partial<FormField> = {}): FormField => ({
    id,
    kind,
    label: FIELD_TEXT[id].label[lang],
    hint: FIELD_TEXT[id].hint[lang],
    labels: FIELD_TEXT[id].label,
    hints: FIELD_TEXT[id].hint,
    required,
    initial: prefill[id] ?? null,
    ...extra,
  });
  const groups = projectGroups(programme, lang);
  return {
    id: 'progress_update',
    lang,
    title: lang === 'it' ? 'Aggiornamento di progetto' : 'Project update',
    submitLabel: lang === 'it' ? 'Salva' : 'Save',
    cancelLabel: lang === 'it' ? 'Annulla' : 'Cancel',
    fields: [
      field('project', 'select', true, { groups, options: groups.flatMap((g) => g.options) }),
      field('status', 'radio', true, { options: statusOptions(lang) }),
      field('progress', 'number', false, { min: 0, max: 100 }),
      field('summary', 'textarea', true, { maxLength: SUMMARY_MAX }),
      field('next_steps', 'textarea', false, { maxLength: TEXT_MAX }),
      field('blockers', 'textarea', false, { maxLength: TEXT_MAX }),
      field('due_date', 'date', false),
    ],
  };
}

export interface ValidateOptions {
  now?: Date;
  /** A due date before today is refused unless this is set (imports of history may need it). */
  allowPastDueDate?: boolean;
}

export type FormValidation =
  | { ok: true; value: UpdateRecord }
  | { ok: false; errors: Partial<Record<UpdateFieldId, string>> };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A status from its id or its label in either language ("blocked", "Bloccato", "in linea"). */
export function statusFromText(value: string): UpdateStatus | null {
  const v = fold(value).trim().replace(/[\s-]+/g, '_');
  for (const s of UPDATE_STATUSES) {
    if (v === s || v === fold(STATUS_LABELS[s].it).replace(/\s+/g, '_') || v === fold(STATUS_LABELS[s].en).replace(/\s+/g, '_')) return s;
  }
  return null;
}

/**
 * Checks raw form values (strings from a modal or card, numbers, or a parsed draft) and returns
 * either the update record or one message per bad field, in the user's language.
 */
export function validateUpdateForm(
  programme: Programme,
  values: Partial<Record<UpdateFieldId, unknown>>,
  lang: Lang,
  opts: ValidateOptions = {},
): FormValidation {
  const L = (it: string, en: string) => (lang === 'it' ? it : en);
  const errors: Partial<Record<UpdateFieldId, string>> = {};
  const out: Record<string, unknown> = {};

  // project
  const projectRaw = values.project;
  if (blank(projectRaw)) {
    errors.project = L('Scegli il progetto.', 'Choose a project.');
  } else {
    const ref = String(projectRaw).trim();
    const project = resolveProjectRef(programme, ref);
    if (!project) {
      errors.project = L(
        `Progetto «${ref}» sconosciuto: scegli uno dei progetti del programma (es. ${exampleIds(programme)}).`,
        `Unknown project "${ref}": choose one of the programme's projects (e.g. ${exampleIds(programme)}).`,
      );
    } else if (project.archived || programme.cantieri.find((c) => c.id === project.cantiereId)?.archived) {
      errors.project = L(
        `Il progetto «${project.name}» è archiviato: non accetta nuovi aggiornamenti.`,
        `Project "${project.name}" is archived: it takes no new updates.`,
      );
    } else out.project = project.id;
  }

  // status
  const statusRaw = values.status;
  const statusChoices = UPDATE_STATUSES.map((s) => STATUS_LABELS[s][lang]).join(', ');
  if (blank(statusRaw)) {
    errors.status = L(`Scegli lo stato: ${statusChoices}.`, `Choose a status: ${statusChoices}.`);
  } else {
    const status = statusFromText(String(statusRaw));
    if (!status) errors.status = L(`Stato «${statusRaw}» non valido: scegli tra ${statusChoices}.`, `Invalid status "${statusRaw}": choose one of ${statusChoices}.`);
    else out.status = status;
  }

  // progress
  const progressRaw = values.progress;
  if (blank(progressRaw)) out.progress = null;
  else {
    const s = String(progressRaw).trim().replace(/\s*%$/, '').replace(',', '.');
    const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      errors.progress = L(
        `L'avanzamento deve essere un numero intero da 0 a 100 (hai indicato «${progressRaw}»).`,
        `Progress must be a whole number from 0 to 100 (you gave "${progressRaw}").`,
      );
    } else out.progress = n;
  }

  // summary
  const summary = blank(values.summary) ? '' : String(values.summary).trim();
  if (!summary) errors.summary = L('Scrivi un breve riepilogo di cosa è successo.', 'Write a short summary of what happened.');
  else if (summary.length > SUMMARY_MAX) {
    errors.summary = L(`Il riepilogo è troppo lungo (massimo ${SUMMARY_MAX} caratteri).`, `The summary is too long (at most ${SUMMARY_MAX} characters).`);
  } else out.summary = summary;

  for (const id of ['next_steps', 'blockers'] as const) {
    const v = blank(values[id]) ? null : String(values[id]).trim();
    if (v && v.length > TEXT_MAX) {
      errors[id] = L(`Testo troppo lungo (massimo ${TEXT_MAX} caratteri).`, `Too long (at most ${TEXT_MAX} characters).`);
    } else out[id] = v;
  }

  // due date
  const dueRaw = values.due_date;
  const now = opts.now ?? new Date();
  if (blank(dueRaw)) out.due_date = null;
  else {
    const due = parseDateText(String(dueRaw), now, programme.timezone);
    const today = localDate(now, programme.timezone);
    if (!due) {
      errors.due_date = L(
        `Data «${dueRaw}» non valida: usa AAAA-MM-GG (es. 2027-03-31) o GG/MM/AAAA.`,
        `Invalid date "${dueRaw}": use YYYY-MM-DD (e.g. 2027-03-31) or DD/MM/YYYY.`,
      );
    } else if (due < today && !opts.allowPastDueDate) {
      errors.due_date = L(
        `La scadenza ${due} è già passata: indica una data da oggi (${today}) in poi, o lasciala vuota.`,
        `The due date ${due} is in the past: give a date from today (${today}) on, or leave it empty.`,
      );
    } else out.due_date = due;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = updateRecordSchema.safeParse(out);
  if (!parsed.success) {
    // The checks above mirror the schema; this is a safety net that still names the field.
    for (const issue of parsed.error.issues) {
      const id = issue.path[0] as UpdateFieldId;
      errors[id] ??= L(`Valore non valido (${issue.message}).`, `Invalid value (${issue.message}).`);
    }
    return { ok: false, errors };
  }
  return { ok: true, value: parsed.data };
}

function exampleIds(programme: Programme): string {
  return programme.cantieri
    .flatMap((c) => c.projects.filter((p) => !p.archived).map((p) => p.id))
    .slice(0, 4)
    .join(', ');
}
