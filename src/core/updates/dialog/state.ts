import type { Lang } from '../../types.ts';
import type { ParsedUpdate, UpdateFieldId, UpdateRecord } from '../schema.ts';
import type { SaveResult } from '../save.ts';

/** The update dialog's data: what it holds between messages, what it is told, what it asks for. */

export type Stage = 'ask' | 'confirm' | 'choose_field' | 'saved';
export type Values = Partial<Record<UpdateFieldId, string | number | null>>;

export interface DialogState {
  v: 1;
  lang: Lang;
  stage: Stage;
  values: Values;
  /** Fields still to ask, in order; `current` is the one just asked. */
  pending: UpdateFieldId[];
  current: UpdateFieldId | null;
  /** Fields asked so far, for "indietro/back". */
  asked: UpdateFieldId[];
  /** After answering, go back to the preview (an edit of one field) instead of the next question. */
  backToConfirm: boolean;
  source: 'form' | 'message';
  sourceText: string | null;
  supersedes: number | null;
  savedId: number | null;
}

export type DialogReply =
  | { kind: 'dialog'; text: string; done?: boolean }
  | { kind: 'update_preview'; draft: UpdateRecord; text: string; problems: Record<string, string> }
  | { kind: 'refused'; text: string };

/** What moves the dialog: the person's message, or the outcome of an effect it asked for. */
export type DialogInput =
  | { kind: 'begin'; intro: boolean }
  | { kind: 'message'; text: string }
  | { kind: 'authorised' }
  | { kind: 'refused'; message: string }
  /** `next`: what the person may do next (log the project's indicators), already worded. */
  | { kind: 'saved'; result: SaveResult; next?: string }
  | { kind: 'revision'; update: (Record<UpdateFieldId, string | number | null> & { id: number }) | null };

/** What the dialog asks its runner to do; the outcome comes back as the next input. */
export type DialogEffect =
  | { kind: 'authorise'; project: string }
  | { kind: 'save'; values: Values; source: 'form' | 'message'; sourceText: string | null; supersedes: number | null }
  | { kind: 'load_revision'; id: number };

/**
 * One step: the state to keep (null: forget the dialog), the reply (null: the message is not for
 * the dialog, the caller treats it as new) and the effects to run before the reply is final.
 */
export interface StepResult {
  state: DialogState | null;
  reply: DialogReply | null;
  effects: DialogEffect[];
}

export function initialState(opts: {
  lang: Lang;
  values: Values;
  pending: UpdateFieldId[];
  source: 'form' | 'message';
  sourceText?: string | null;
  supersedes?: number | null;
}): DialogState {
  return {
    v: 1,
    lang: opts.lang,
    stage: 'ask',
    values: opts.values,
    pending: opts.pending,
    current: null,
    asked: [],
    backToConfirm: false,
    source: opts.source,
    sourceText: opts.sourceText ?? null,
    supersedes: opts.supersedes ?? null,
    savedId: null,
  };
}

/** A draft from the values entered so far (missing fields null). */
export function draftOf(values: Values): ParsedUpdate {
  const v = (id: UpdateFieldId) => (values[id] === undefined ? null : values[id]);
  return {
    project: (v('project') as string | null) ?? null,
    status: (v('status') as ParsedUpdate['status']) ?? null,
    progress: v('progress') === null ? null : Number(v('progress')),
    summary: (v('summary') as string | null) ?? null,
    next_steps: (v('next_steps') as string | null) ?? null,
    blockers: (v('blockers') as string | null) ?? null,
    due_date: (v('due_date') as string | null) ?? null,
  };
}
