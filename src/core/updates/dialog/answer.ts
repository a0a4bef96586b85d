import type { Programme } from '../../../programme/model.ts';
import { projectGroups, statusFromText, validateUpdateForm } from '../form.ts';
import { statusFromCues } from '../offline-parse.ts';
import { findProjectInText, resolveProjectRef } from '../projects.ts';
import { UPDATE_STATUSES, type UpdateFieldId } from '../schema.ts';
import { REQUIRED } from './prompts.ts';
import type { DialogState } from './state.ts';
import { is, SKIP } from './words.ts';

/** Reads one answer for `field`: the value to store, or an error message in the user's language. */
export function readAnswer(
  programme: Programme,
  state: DialogState,
  field: UpdateFieldId,
  text: string,
  now: Date,
): { value: string | number | null } | { error: string } {
  const lang = state.lang;
  const t = text.trim();
  if (!REQUIRED.includes(field) && is(t, SKIP)) return { value: null };
  let candidate: string | number | null = t;
  if (field === 'project') {
    // A number picks from the list the question showed.
    const n = Number(t);
    const flat = projectGroups(programme, lang).flatMap((g) => g.options);
    if (Number.isInteger(n) && n >= 1 && n <= flat.length) candidate = flat[n - 1].value;
    else candidate = resolveProjectRef(programme, t)?.id ?? findProjectInText(programme, t)?.project.id ?? t;
  }
  if (field === 'status') {
    const n = Number(t);
    candidate = Number.isInteger(n) && n >= 1 && n <= UPDATE_STATUSES.length ? UPDATE_STATUSES[n - 1] : (statusFromText(t) ?? statusFromCues(t) ?? t);
  }
  const check = validateUpdateForm(programme, { ...state.values, [field]: candidate }, lang, { now });
  const error = check.ok ? undefined : check.errors[field];
  if (error) return { error };
  return { value: check.ok ? (check.value[field] as string | number | null) : normalise(field, candidate) };
}

function normalise(field: UpdateFieldId, v: string | number | null): string | number | null {
  if (v === null) return null;
  if (field === 'progress') return Number(String(v).replace('%', '').trim());
  return typeof v === 'string' ? v.trim() : v;
}
