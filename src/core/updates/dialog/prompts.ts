import type { Programme } from '../../../programme/model.ts';
import { t } from '../../texts/index.ts';
import type { Lang } from '../../types.ts';
import { FIELD_TEXT, projectGroups, validateUpdateForm } from '../form.ts';
import { formatUpdatePreview } from '../format.ts';
import { STATUS_LABELS, UPDATE_FIELDS, UPDATE_STATUSES, type UpdateFieldId, type UpdateRecord } from '../schema.ts';
import { type DialogReply, type DialogState, draftOf } from './state.ts';

/** What the update dialog says: questions, the preview, the field menu, reminders. */

export const REQUIRED: UpdateFieldId[] = ['project', 'status', 'summary'];

function fieldLabel(field: UpdateFieldId, lang: Lang): string {
  return FIELD_TEXT[field].label[lang].replace(/ \(%\)$/, '');
}

export function question(programme: Programme, state: DialogState, field: UpdateFieldId, problem?: string): string {
  const lang = state.lang;
  const lines: string[] = [];
  if (problem) lines.push(problem);
  lines.push(`${fieldLabel(field, lang)}? ${FIELD_TEXT[field].hint[lang]}.`);
  if (field === 'project') {
    for (const g of projectGroups(programme, lang)) lines.push(`  ${g.label}: ${g.options.map((o) => `${o.value} (${o.label})`).join(', ')}`);
  }
  if (field === 'status') {
    UPDATE_STATUSES.forEach((s, i) => {
      lines.push(`  ${i + 1}. ${STATUS_LABELS[s][lang]}`);
    });
  }
  lines.push(t(lang, REQUIRED.includes(field) ? 'dialog.requiredHint' : 'dialog.optionalHint'));
  return lines.join('\n');
}

export function previewReply(programme: Programme, state: DialogState, now: Date, extra?: string): DialogReply {
  const lang = state.lang;
  const check = validateUpdateForm(programme, state.values, lang, { now });
  const problems: Record<string, string> = check.ok ? {} : (check.errors as Record<string, string>);
  const draft = (check.ok ? check.value : draftOf(state.values)) as UpdateRecord;
  const lines = [
    extra,
    state.supersedes ? t(lang, 'dialog.revisionOf', { id: state.supersedes }) : t(lang, 'dialog.hereIsUpdate'),
    formatUpdatePreview(draftOf(state.values), lang, programme),
    ...Object.entries(problems).map(([f, m]) => `⚠ ${FIELD_TEXT[f as UpdateFieldId].label[lang]}: ${m}`),
    t(lang, 'dialog.saveEditCancel'),
  ].filter(Boolean);
  return { kind: 'update_preview', draft, text: lines.join('\n'), problems };
}

export function chooseFieldText(lang: Lang, again = false): string {
  const names = UPDATE_FIELDS.map((f, i) => `${i + 1}. ${fieldLabel(f, lang)}`).join('\n');
  return `${again ? t(lang, 'dialog.whichField') : ''}${t(lang, 'dialog.chooseField')}\n${names}`;
}

/** The question of one field asked again to change it, with its current value. */
export function askAgainText(programme: Programme, state: DialogState, field: UpdateFieldId): string {
  const current = state.values[field];
  const now = current === undefined || current === null || current === '' ? '' : `\n${t(state.lang, 'dialog.now')}: ${current}`;
  return `${question(programme, state, field)}${now}`;
}

/** A one-line reminder of a dialog still waiting (shown after answering a question asked meanwhile). */
export function pendingDialogReminder(state: DialogState): string | null {
  if (state.stage === 'saved') return null;
  if (state.stage === 'ask' && state.current) return t(state.lang, 'dialog.waitingField', { label: fieldLabel(state.current, state.lang) });
  return t(state.lang, 'dialog.waitingPreview');
}
