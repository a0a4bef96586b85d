import type { FormDefinition, FormField } from '../../../core/updates/form.ts';
import { card, execute, text, type AdaptiveCard, type AdaptiveElement } from './adaptive.ts';
import { plainCardText } from './sanitise.ts';
import { t } from '../../../core/texts/index.ts';

export const UPDATE_SUBMIT_VERB = 'regia.update.submit';
export const UPDATE_CANCEL_VERB = 'regia.update.cancel';
/** The update form's optional second step: the project's indicators (core/indicators/form-step.ts). */
export const INDICATOR_STEP_SUBMIT_VERB = 'regia.indicators.submit';
export const INDICATOR_STEP_SKIP_VERB = 'regia.indicators.skip';

/** Values as the card shows them (what the user typed, kept across a failed submission). */
export type FormValues = Record<string, unknown>;

function shownValue(field: FormField<string>, values: FormValues | undefined): string | undefined {
  const v = values && field.id in values ? values[field.id] : field.initial;
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

/** One input, rendered from the shared field definition (the card never defines fields itself). */
function input(field: FormField<string>, value: string | undefined): AdaptiveElement {
  const common = { id: field.id, label: field.label, isRequired: field.required, errorMessage: field.hint };
  switch (field.kind) {
    case 'select': {
      // Adaptive Cards have no option groups: the cantiere goes in front of each project.
      const choices = field.groups?.length
        ? field.groups.flatMap((g) => g.options.map((o) => ({ title: `${g.label.split(' · ')[0]} · ${o.label}`, value: o.value })))
        : (field.options ?? []).map((o) => ({ title: o.label, value: o.value }));
      return { type: 'Input.ChoiceSet', ...common, style: 'compact', placeholder: field.hint, choices, ...(value ? { value } : {}) };
    }
    case 'radio':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'expanded',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(value ? { value } : {}),
      };
    case 'number': {
      const n = value !== undefined && /^-?\d+(\.\d+)?$/.test(value.trim()) && (field.decimal || Number.isInteger(Number(value))) ? Number(value) : undefined;
      return {
        type: 'Input.Number',
        ...common,
        placeholder: field.hint,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(n !== undefined ? { value: n } : {}),
      };
    }
    case 'date':
      return { type: 'Input.Date', ...common, ...(value ? { value } : {}) };
    case 'textarea':
    case 'text':
      return {
        type: 'Input.Text',
        ...common,
        placeholder: field.hint,
        isMultiline: field.kind === 'textarea',
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(value !== undefined ? { value } : {}),
      };
  }
}

/**
 * The progress-update card (or its indicators step) from the shared form definition; `errors`
 * (field id -> message from the form's validation) are shown right under their fields, and
 * `values` keep what was typed. `data` goes back with the submission (the step's project).
 */
export function updateFormCard(
  form: FormDefinition<string>,
  opts: { values?: FormValues; errors?: Record<string, string | undefined>; intro?: string; stateId?: string; data?: Record<string, string> } = {},
): AdaptiveCard {
  const body: AdaptiveElement[] = [text(form.title, { size: 'Medium', weight: 'Bolder' })];
  for (const line of [opts.intro, form.intro]) if (line) body.push(text(plainCardText(line), { isSubtle: true }));
  const errors = opts.errors ?? {};
  const anyError = Object.values(errors).some(Boolean);
  if (anyError) {
    body.push(
      text(t(form.lang, 'teams.fixFields'), {
        color: 'attention',
        weight: 'Bolder',
      }),
    );
  }
  for (const field of form.fields) {
    body.push(input(field, shownValue(field, opts.values)));
    const message = errors[field.id];
    if (message) body.push(text(plainCardText(message), { color: 'attention', size: 'Small', spacing: 'None', id: `${field.id}_error` }));
  }
  // The message the update came from, or the update it revises, stay server-side (../card-state.ts).
  const data = { lang: form.lang, ...(opts.stateId ? { state: opts.stateId } : {}), ...opts.data };
  const step = form.id === 'indicator_values';
  return card(body, [
    execute(form.submitLabel, step ? INDICATOR_STEP_SUBMIT_VERB : UPDATE_SUBMIT_VERB, data, { style: 'positive' }),
    execute(form.cancelLabel, step ? INDICATOR_STEP_SKIP_VERB : UPDATE_CANCEL_VERB, { lang: form.lang }, { associatedInputs: 'none' }),
  ]);
}
