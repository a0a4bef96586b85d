import type { Programme } from '../../programme/model.ts';
import { t } from '../texts/index.ts';
import type { Lang } from '../types.ts';
import { parseDateText } from './dates.ts';
import { localDate } from '../time.ts';
import { resolveProjectRef } from './projects.ts';
import {
  STATUS_LABELS,
  SUMMARY_MAX,
  TEXT_MAX,
  UPDATE_FIELDS,
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

export interface FormField<Id extends string = UpdateFieldId> {
  id: Id;
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
  /** number: whether decimals are allowed (progress is whole, an indicator's value need not be). */
  decimal?: boolean;
  maxLength?: number;
}

/**
 * A form: the progress update itself, or its optional second step, the values of the project's
 * indicators (`../indicators/form-step.ts`). Renderers draw any form from this shape.
 */
export interface FormDefinition<Id extends string = UpdateFieldId> {
  id: 'progress_update' | 'indicator_values';
  lang: Lang;
  title: string;
  /** A line shown above the fields, when the form has something to say first. */
  intro?: string;
  submitLabel: string;
  cancelLabel: string;
  fields: FormField<Id>[];
}

type Bi = Record<Lang, string>;

/** Each field's label and hint in both languages, from the text catalogue. */
export const FIELD_TEXT = Object.fromEntries(
  UPDATE_FIELDS.map((id) => {
    const both = (part: 'label' | 'hint'): Bi => ({ it: t('it', `updates.field.${id}.${part}`), en: t('en', `updates.field.${id}.${part}`) });
    return [id, { label: both('label'), hint: both('hint') }];
  }),
) as Record<UpdateFieldId, { label: Bi; hint: Bi }>;

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
    title: t(lang, 'updates.formTitle'),
    submitLabel: t(lang, 'common.save'),
    cancelLabel: t(lang, 'common.cancel'),
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
  const errors: Partial<Record<UpdateFieldId, string>> = {};
  const out: Record<string, unknown> = {};

  // project
  const projectRaw = values.project;
  if (blank(projectRaw)) {
    errors.project = t(lang, 'updates.error.chooseProject');
  } else {
    const ref = String(projectRaw).trim();
    const project = resolveProjectRef(programme, ref);
    if (!project) {
      errors.project = t(lang, 'updates.error.unknownProject', { ref, examples: exampleIds(programme) });
    } else if (project.archived || programme.cantieri.find((c) => c.id === project.cantiereId)?.archived) {
      errors.project = t(lang, 'updates.error.archivedProject', { name: project.name });
    } else out.project = project.id;
  }

  // status
  const statusRaw = values.status;
  const statusChoices = UPDATE_STATUSES.map((s) => STATUS_LABELS[s][lang]).join(', ');
  if (blank(statusRaw)) {
    errors.status = t(lang, 'updates.error.chooseStatus', { choices: statusChoices });
  } else {
    const status = statusFromText(String(statusRaw));
    if (!status) errors.status = t(lang, 'updates.error.invalidStatus', { value: String(statusRaw), choices: statusChoices });
    else out.status = status;
  }

  // progress
  const progressRaw = values.progress;
  if (blank(progressRaw)) out.progress = null;
  else {
    const s = String(progressRaw).trim().replace(/\s*%$/, '').replace(',', '.');
    const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      errors.progress = t(lang, 'updates.error.invalidProgress', { value: String(progressRaw) });
    } else out.progress = n;
  }

  // summary
  const summary = blank(values.summary) ? '' : String(values.summary).trim();
  if (!summary) errors.summary = t(lang, 'updates.error.noSummary');
  else if (summary.length > SUMMARY_MAX) {
    errors.summary = t(lang, 'updates.error.summaryTooLong', { max: SUMMARY_MAX });
  } else out.summary = summary;

  for (const id of ['next_steps', 'blockers'] as const) {
    const v = blank(values[id]) ? null : String(values[id]).trim();
    if (v && v.length > TEXT_MAX) {
      errors[id] = t(lang, 'updates.error.textTooLong', { max: TEXT_MAX });
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
      errors.due_date = t(lang, 'updates.error.invalidDate', { value: String(dueRaw) });
    } else if (due < today && !opts.allowPastDueDate) {
      errors.due_date = t(lang, 'updates.error.pastDueDate', { due, today });
    } else out.due_date = due;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = updateRecordSchema.safeParse(out);
  if (!parsed.success) {
    // The checks above mirror the schema; this is a safety net that still names the field.
    for (const issue of parsed.error.issues) {
      const id = issue.path[0] as UpdateFieldId;
      errors[id] ??= t(lang, 'updates.error.invalidValue', { why: issue.message });
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
