import type { AppContext } from '../../app.ts';
import type { OutboundChannel } from '../outbound/channel.ts';
import { t } from '../texts/index.ts';
import type { Lang } from '../types.ts';
import { checkCanLogUpdate } from './auth.ts';
import { REQUIRED } from './dialog/prompts.ts';
import type { DialogEffect, DialogInput, DialogReply, DialogState, Values } from './dialog/state.ts';
import { initialState } from './dialog/state.ts';
import { type StepContext, step } from './dialog/step.ts';
import { clearDialog, type DialogKey, loadDialog, storeDialog } from './dialog/store.ts';
import { saveEnteredUpdate } from './save.ts';
import { buildIndicatorStep, indicatorStepHint } from '../indicators/form-step.ts';
import { UPDATE_FIELDS, type ParsedUpdate, type UpdateFieldId } from './schema.ts';
import { getUpdate } from './store.ts';

/**
 * The step-by-step text rendering of the update form (console chat, DMs): asks only for what is
 * missing, understands "indietro/back" and "annulla/cancel", shows the preview and waits for
 * "salva / modifica / annulla". This file runs the pure state machine (`dialog/step.ts`): it loads
 * and stores the state (`dialog/store.ts`) and carries out the effects the machine asks for.
 */

export type { DialogReply, DialogState } from './dialog/state.ts';

export interface StartOptions {
  lang: Lang;
  prefill?: Partial<ParsedUpdate>;
  /** 'message' when started from a plain message; 'form' for a dialog started empty. */
  source: 'form' | 'message';
  sourceText?: string | null;
  /** Ask the optional fields too (a dialog started with nothing: "aggiorna"). */
  askOptional?: boolean;
  supersedes?: number | null;
  now?: Date;
}

export async function startUpdateDialog(app: AppContext, key: DialogKey, opts: StartOptions): Promise<DialogReply> {
  const programme = await app.programme();
  const lang = opts.lang;
  if (!programme) return { kind: 'dialog', text: t(lang, 'dialog.noProgramme'), done: true };
  const values: Values = {};
  for (const [k, v] of Object.entries(opts.prefill ?? {})) if (v !== null && v !== undefined && v !== '') values[k as UpdateFieldId] = v as string | number;
  const pending = (opts.askOptional ? UPDATE_FIELDS : REQUIRED).filter((f) => values[f] === undefined);
  const state = initialState({ lang, values, pending, source: opts.source, sourceText: opts.sourceText, supersedes: opts.supersedes });
  const intro = Boolean(opts.askOptional && !opts.prefill?.project);
  const reply = await run(app, key, state, { kind: 'begin', intro }, { programme, now: opts.now ?? new Date() }, null);
  // 'begin' always answers: a question, the preview or a refusal.
  return reply!;
}

/**
 * Continues the dialog of this person in this conversation with their message. Null when there is
 * none, or when the message is clearly something else (a question after a finished dialog): the
 * caller then treats it as a new message.
 */
export async function continueUpdateDialog(
  app: AppContext,
  key: DialogKey,
  text: string,
  now: Date = new Date(),
  channel: OutboundChannel | null = null,
): Promise<DialogReply | null> {
  const state = await loadDialog(app, key, now);
  if (!state) return null;
  const programme = await app.programme();
  if (!programme) return null;
  return run(app, key, state, { kind: 'message', text }, { programme, now }, channel);
}

/** Steps the machine until it asks for nothing more, then keeps (or forgets) its state. */
async function run(
  app: AppContext,
  key: DialogKey,
  state: DialogState,
  input: DialogInput,
  ctx: StepContext,
  channel: OutboundChannel | null,
): Promise<DialogReply | null> {
  let result = step(state, input, ctx);
  for (let e = result.effects[0]; e && result.state; e = result.effects[0]) {
    result = step(result.state, await perform(app, key, result.state.lang, e, ctx.now, channel), ctx);
  }
  if (result.state) await storeDialog(app, key, result.state);
  else await clearDialog(app, key);
  return result.reply;
}

async function perform(app: AppContext, key: DialogKey, lang: Lang, effect: DialogEffect, now: Date, channel: OutboundChannel | null): Promise<DialogInput> {
  switch (effect.kind) {
    case 'authorise': {
      const auth = await checkCanLogUpdate(app, key.actor, effect.project, lang);
      return auth.ok ? { kind: 'authorised' } : { kind: 'refused', message: auth.message };
    }
    case 'save': {
      const { values, source, sourceText, supersedes } = effect;
      const result = await saveEnteredUpdate(app, channel, { actor: key.actor, lang, now, values, source, sourceText, supersedes });
      const step = result.ok ? await buildIndicatorStep(app, key.actor, result.stored.project, lang) : null;
      return { kind: 'saved', result, ...(step ? { next: indicatorStepHint(step) } : {}) };
    }
    case 'load_revision':
      return { kind: 'revision', update: await getUpdate(app.db, effect.id) };
  }
}
