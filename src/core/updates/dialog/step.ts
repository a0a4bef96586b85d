import type { Programme } from '../../../programme/model.ts';
import { t } from '../../texts/index.ts';
import { UPDATE_FIELDS, type UpdateFieldId } from '../schema.ts';
import { readAnswer } from './answer.ts';
import { askAgainText, chooseFieldText, previewReply, question } from './prompts.ts';
import type { DialogEffect, DialogInput, DialogReply, DialogState, StepResult } from './state.ts';
import { BACK, CANCEL, EDIT, editedField, fieldFromWord, is, isQuestion, SAVE } from './words.ts';

/**
 * The update dialog as a pure state machine: given the state and one input (a message, or the
 * outcome of an effect it asked for), the next state, the reply and the effects. No I/O here: the
 * runner (`../dialog.ts`) loads and stores the state and carries out the effects.
 */

export interface StepContext {
  programme: Programme;
  now: Date;
}

const reply = (state: DialogState | null, r: DialogReply | null): StepResult => ({ state, reply: r, effects: [] });
const effect = (state: DialogState, e: DialogEffect): StepResult => ({ state, reply: null, effects: [e] });
/** Not for the dialog (a question asked meanwhile): the dialog waits as it is. */
const waiting = (state: DialogState): StepResult => reply(state, null);
const text = (state: DialogState | null, body: string, done?: boolean): StepResult => reply(state, { kind: 'dialog', text: body, ...(done ? { done } : {}) });

export function step(current: DialogState, input: DialogInput, ctx: StepContext): StepResult {
  const state = structuredClone(current);
  switch (input.kind) {
    case 'begin': {
      if (state.values.project) return effect(state, { kind: 'authorise', project: String(state.values.project) });
      const r = advance(state, ctx);
      if (input.intro && r.reply?.kind === 'dialog') r.reply.text = `${t(state.lang, 'dialog.newUpdate')}\n${r.reply.text}`;
      return r;
    }
    case 'authorised':
      return advance(state, ctx);
    case 'refused':
      return reply(null, { kind: 'refused', text: input.message });
    case 'saved':
      return afterSave(state, input.result, ctx, input.next);
    case 'revision': {
      if (!input.update) return reply(null, null);
      const { id, project, status, progress, summary, next_steps, blockers, due_date } = input.update;
      const next: DialogState = {
        ...state,
        stage: 'choose_field',
        values: { project, status, progress, summary, next_steps, blockers, due_date },
        supersedes: id,
        savedId: null,
        asked: [],
        pending: [],
        current: null,
      };
      return text(next, chooseFieldText(state.lang));
    }
    case 'message':
      return onMessage(state, input.text.trim(), ctx);
  }
}

function onMessage(state: DialogState, msg: string, ctx: StepContext): StepResult {
  const lang = state.lang;
  if (state.stage === 'saved') {
    // "modifica/edit" right after saving makes a revision; anything else is a new message.
    if (is(msg, EDIT) && state.savedId) return effect(state, { kind: 'load_revision', id: state.savedId });
    return reply(null, null);
  }
  if (is(msg, CANCEL)) return text(null, t(lang, 'common.updateCancelled'), true);

  if (state.stage === 'confirm') {
    if (is(msg, SAVE)) {
      return effect(state, { kind: 'save', values: state.values, source: state.source, sourceText: state.sourceText, supersedes: state.supersedes });
    }
    const edited = editedField(msg);
    if (edited) return askOne(state, edited, ctx);
    if (is(msg, EDIT)) {
      state.stage = 'choose_field';
      return text(state, chooseFieldText(lang));
    }
    if (is(msg, BACK) && state.asked.length > 0) return askOne(state, state.asked[state.asked.length - 1], ctx);
    if (isQuestion(msg)) return waiting(state);
    return text(state, t(lang, 'dialog.notUnderstood'));
  }

  if (state.stage === 'choose_field') {
    if (is(msg, BACK)) {
      state.stage = 'confirm';
      return reply(state, previewReply(ctx.programme, state, ctx.now));
    }
    if (isQuestion(msg)) return waiting(state);
    const field = fieldFromWord(msg.replace(/^(?:modifica|edit)\s+/i, ''));
    if (!field) return text(state, chooseFieldText(lang, true));
    return askOne(state, field, ctx);
  }

  // stage 'ask'
  const field = state.current;
  if (!field) return advance(state, ctx);
  if (is(msg, BACK)) {
    const idx = state.asked.lastIndexOf(field);
    const previous = idx > 0 ? state.asked[idx - 1] : null;
    if (!previous) return text(state, `${t(lang, 'dialog.firstQuestion')}\n${question(ctx.programme, state, field)}`);
    state.asked = state.asked.slice(0, idx - 1);
    state.pending = [previous, field, ...state.pending];
    delete state.values[previous];
    return advance(state, ctx);
  }
  if (isQuestion(msg)) return waiting(state);
  const answer = readAnswer(ctx.programme, state, field, msg, ctx.now);
  if ('error' in answer) return text(state, question(ctx.programme, state, field, answer.error));
  state.values[field] = answer.value;
  // A project chosen: its author must be allowed to log it before anything else is asked.
  if (field === 'project' && answer.value) return effect(state, { kind: 'authorise', project: String(answer.value) });
  return advance(state, ctx);
}

/** Moves to the next missing field, or to the preview when nothing is missing. */
function advance(state: DialogState, ctx: StepContext, problem?: string): StepResult {
  const next = state.pending.shift() ?? null;
  if (next && !state.backToConfirm) {
    state.stage = 'ask';
    state.current = next;
    state.asked.push(next);
    return text(state, question(ctx.programme, state, next, problem));
  }
  state.stage = 'confirm';
  state.current = null;
  state.backToConfirm = false;
  state.pending = [];
  return reply(state, previewReply(ctx.programme, state, ctx.now, problem));
}

/** Asks one field again (an edit), then back to the preview. */
function askOne(state: DialogState, field: UpdateFieldId, ctx: StepContext): StepResult {
  state.stage = 'ask';
  state.current = field;
  state.asked.push(field);
  state.pending = [];
  state.backToConfirm = true;
  return text(state, askAgainText(ctx.programme, state, field));
}

function afterSave(state: DialogState, result: Extract<DialogInput, { kind: 'saved' }>['result'], ctx: StepContext, next?: string): StepResult {
  const lang = state.lang;
  if (!result.ok && result.reason === 'invalid') {
    // Ask again exactly the fields that are wrong, then come back to the preview.
    const fields = UPDATE_FIELDS.filter((f) => result.errors[f]);
    state.pending = fields;
    state.backToConfirm = false;
    return advance(state, ctx, result.errors[fields[0]]);
  }
  if (!result.ok) return reply(null, { kind: 'refused', text: result.reason === 'refused' ? result.message : t(lang, 'dialog.notSaved') });
  const { stored, announced } = result;
  // Keep a small "saved" state so "modifica/edit" right after creates a revision.
  const saved: DialogState = { ...state, stage: 'saved', savedId: stored.id, values: {}, pending: [], asked: [], current: null };
  const unannounced = !announced.posted && announced.why === 'failed' ? t(lang, 'dialog.notAnnounced', { ref: announced.ref }) : '';
  return text(saved, `${t(lang, 'dialog.saved', { id: stored.id, project: stored.projectName })}${unannounced}${next ? `\n${next}` : ''}`, true);
}
