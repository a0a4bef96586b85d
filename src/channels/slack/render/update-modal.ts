import type { KnownBlock, ModalView, PlainTextOption } from '../slack-types.ts';
import type { FormDefinition, FormField, FormOption } from '../../../core/updates/form.ts';
import type { UpdateFieldId } from '../../../core/updates/schema.ts';
import type { Lang } from '../../../core/types.ts';
import { t } from '../../../core/texts/index.ts';
import { plainText } from './escape.ts';

export const UPDATE_MODAL_CALLBACK = 'progress_update_modal';
/** The update form's optional second step: the project's indicators (core/indicators/form-step.ts). */
export const INDICATOR_STEP_CALLBACK = 'indicator_values_modal';

/** What the modal remembers between opening and submission (Slack's private_metadata, max 3000 chars). */
export interface UpdateModalMeta {
  lang: Lang;
  source: 'form' | 'message';
  /** The message an update was made from (shortcut / preview), kept with the stored update. */
  sourceText?: string;
  sourceRef?: string;
  /** The ephemeral preview this modal edits: consumed on save so it cannot be saved twice. */
  previewId?: string;
  /** Set when the state was too large for private_metadata and is kept server-side (services/modal-state.ts). */
  stateId?: string;
}

const plain = plainText;
const option = (o: FormOption): PlainTextOption => ({ text: plain(o.label, 75), value: o.value.slice(0, 150) });

function element(field: FormField<string>): Record<string, unknown> {
  const initial = field.initial === null || field.initial === undefined || field.initial === '' ? null : String(field.initial);
  const base = { action_id: field.id };
  switch (field.kind) {
    case 'select': {
      const groups = (field.groups ?? []).filter((g) => g.options.length > 0);
      const flat = field.options ?? groups.flatMap((g) => g.options);
      const chosen = initial ? flat.find((o) => o.value === initial) : undefined;
      return {
        ...base,
        type: 'static_select',
        placeholder: plain(field.label, 150),
        ...(groups.length > 1
          ? { option_groups: groups.slice(0, 100).map((g) => ({ label: plain(g.label, 75), options: g.options.slice(0, 100).map(option) })) }
          : { options: flat.slice(0, 100).map(option) }),
        ...(chosen ? { initial_option: option(chosen) } : {}),
      };
    }
    case 'radio': {
      const options = (field.options ?? []).slice(0, 10);
      const chosen = initial ? options.find((o) => o.value === initial) : undefined;
      return { ...base, type: 'radio_buttons', options: options.map(option), ...(chosen ? { initial_option: option(chosen) } : {}) };
    }
    case 'number':
      return {
        ...base,
        type: 'number_input',
        is_decimal_allowed: field.decimal === true,
        ...(initial ? { initial_value: initial } : {}),
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
      };
    case 'date':
      return { ...base, type: 'datepicker', ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) };
    case 'text':
    case 'textarea':
      return {
        ...base,
        type: 'plain_text_input',
        multiline: field.kind === 'textarea',
        ...(field.maxLength ? { max_length: Math.min(field.maxLength, 3000) } : {}),
        ...(initial ? { initial_value: initial.slice(0, field.maxLength ?? 3000) } : {}),
      };
  }
}

/**
 * The update modal (or its indicators step), rendered only from the shared form definition
 * (src/core/updates/form.ts); `privateMetadata` is the packed UpdateModalMeta (services/modal-state.ts)
 * or, for the step, its IndicatorStepMeta.
 */
export function renderUpdateModal(form: FormDefinition<string>, privateMetadata: string): ModalView {
  const intro = form.intro ? [{ type: 'section', text: plain(form.intro, 3000) } as unknown as KnownBlock] : [];
  const fields = form.fields.map(
    (field) =>
      ({
        type: 'input',
        block_id: field.id,
        optional: !field.required,
        label: plain(field.label, 2000),
        ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
        element: element(field),
      }) as unknown as KnownBlock,
  );
  const blocks = [...intro, ...fields];
  return {
    type: 'modal',
    callback_id: form.id === 'indicator_values' ? INDICATOR_STEP_CALLBACK : UPDATE_MODAL_CALLBACK,
    title: plain(form.title.length <= 24 ? form.title : t(form.lang, 'slack.modalTitle'), 24),
    submit: plain(form.submitLabel, 24),
    close: plain(form.cancelLabel, 24),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** The raw values of a submitted modal, keyed by field id (strings as typed or chosen; null when empty). */
export function readModalValues<Id extends string = UpdateFieldId>(
  state: { values: Record<string, Record<string, any>> },
  form: FormDefinition<Id>,
): Partial<Record<Id, string | null>> {
  const out: Partial<Record<Id, string | null>> = {};
  for (const field of form.fields) {
    const v = state.values?.[field.id]?.[field.id];
    if (!v) continue;
    out[field.id] = v.selected_option?.value ?? v.selected_date ?? v.value ?? null;
  }
  return out;
}

export function readModalMeta(privateMetadata: string | undefined, fallback: Lang): UpdateModalMeta {
  try {
    const m = JSON.parse(privateMetadata || '{}');
    return {
      lang: m.lang === 'en' || m.lang === 'it' ? m.lang : fallback,
      source: m.source === 'message' ? 'message' : 'form',
      sourceText: m.sourceText,
      sourceRef: m.sourceRef,
      previewId: m.previewId,
      stateId: typeof m.stateId === 'string' ? m.stateId : undefined,
    };
  } catch {
    return { lang: fallback, source: 'form' };
  }
}
