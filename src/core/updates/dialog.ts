import type { AppContext } from '../../app.ts';
import type { Programme } from '../../programme/model.ts';
import type { Actor, Lang } from '../types.ts';
import { checkCanLogUpdate } from './auth.ts';
import { FIELD_TEXT, statusFromText, validateUpdateForm } from './form.ts';
import { formatUpdatePreview } from './format.ts';
import { statusFromCues } from './offline-parse.ts';
import { projectGroups } from './form.ts';
import { findProjectInText, resolveProjectRef } from './projects.ts';
import { STATUS_LABELS, UPDATE_FIELDS, UPDATE_STATUSES, type ParsedUpdate, type UpdateFieldId, type UpdateRecord } from './schema.ts';
import { getUpdate } from './store.ts';
import { saveEnteredUpdate } from './save.ts';
import type { OutboundChannel } from '../outbound/channel.ts';
import { fold } from '../language.ts';

/**
 * The step-by-step text rendering of the update form (console chat, DMs): asks only for what is
 * missing, understands "indietro/back" and "annulla/cancel", shows the preview and waits for
 * "salva / modifica / annulla". Its state lives in the `conversations` table, so a restart or a
 * second replica continues the same dialog.
 */

export const DIALOG_KIND = 'update_dialog';
/** A dialog left alone this long is forgotten (the next message is treated as new). */
const DIALOG_TTL_MS = 24 * 60 * 60 * 1000;

type Stage = 'ask' | 'confirm' | 'choose_field' | 'saved';
type Values = Partial<Record<UpdateFieldId, string | number | null>>;

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

interface Key {
  actor: Actor;
  conversationId: string;
}

export async function loadDialog(app: AppContext, key: Key, now: Date = new Date()): Promise<DialogState | null> {
  const [row] = await app.db.query(
    `SELECT state, updated_at FROM conversations WHERE platform = $1 AND conversation_id = $2 AND user_id = $3 AND kind = $4`,
    [key.actor.platform, key.conversationId, key.actor.userId, DIALOG_KIND],
  );
  if (!row) return null;
  if (now.getTime() - new Date(row.updated_at).getTime() > DIALOG_TTL_MS) {
    await clearDialog(app, key);
    return null;
  }
  return row.state as DialogState;
}

async function storeDialog(app: AppContext, key: Key, state: DialogState): Promise<void> {
  await app.db.query(
    `INSERT INTO conversations (platform, conversation_id, user_id, kind, state, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (platform, conversation_id, user_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, updated_at = now()`,
    [key.actor.platform, key.conversationId, key.actor.userId, DIALOG_KIND, state],
  );
}

/** Forgets the dialog of this person in this conversation (e.g. after a channel saved the draft itself). */
export async function clearDialog(app: AppContext, key: Key): Promise<void> {
  await app.db.query(`DELETE FROM conversations WHERE platform = $1 AND conversation_id = $2 AND user_id = $3 AND kind = $4`, [
    key.actor.platform,
    key.conversationId,
    key.actor.userId,
    DIALOG_KIND,
  ]);
}

const REQUIRED: UpdateFieldId[] = ['project', 'status', 'summary'];

const is = (text: string, ...words: string[]) => {
  const t = fold(text).trim().replace(/[.!]+$/, '');
  return words.includes(t);
};
export const CANCEL = ['annulla', 'cancel', 'stop', 'lascia perdere', 'abort', 'esci dal modulo'];
const BACK = ['indietro', 'back', 'torna indietro', 'go back', 'previous'];
export const SAVE = ['salva', 'save', 'si', 'sì', 'yes', 'ok', 'okay', 'conferma', 'confermo', 'confirm', 'va bene', 'y', 's'];
const EDIT = ['modifica', 'edit', 'cambia', 'change', 'correggi', 'fix'];
const SKIP = ['salta', 'skip', '-', 'nessuno', 'nessuna', 'none', 'niente', 'no', 'n/a', 'nulla', 'vuoto', 'empty'];

function fieldFromWord(text: string): UpdateFieldId | null {
  const t = fold(text).trim();
  const aliases: Record<string, UpdateFieldId> = {
    progetto: 'project', project: 'project',
    stato: 'status', status: 'status',
    avanzamento: 'progress', progress: 'progress', percentuale: 'progress', '%': 'progress',
    riepilogo: 'summary', summary: 'summary', 'cosa e successo': 'summary', 'what happened': 'summary', testo: 'summary',
    'prossimi passi': 'next_steps', 'prossimo passo': 'next_steps', 'next steps': 'next_steps', 'next step': 'next_steps', next: 'next_steps',
    ostacoli: 'blockers', blocchi: 'blockers', blockers: 'blockers', blocker: 'blockers',
    scadenza: 'due_date', 'due date': 'due_date', due: 'due_date', data: 'due_date', deadline: 'due_date',
  };
  if (aliases[t]) return aliases[t];
  const n = Number(t);
  if (Number.isInteger(n) && n >= 1 && n <= UPDATE_FIELDS.length) return UPDATE_FIELDS[n - 1];
  return null;
}

function L(lang: Lang, it: string, en: string): string {
  return lang === 'it' ? it : en;
}

function question(programme: Programme, state: DialogState, field: UpdateFieldId, problem?: string): string {
  const lang = state.lang;
  const label = FIELD_TEXT[field].label[lang].replace(/ \(%\)$/, '');
  const hint = FIELD_TEXT[field].hint[lang];
  const lines: string[] = [];
  if (problem) lines.push(problem);
  lines.push(`${label}? ${hint}.`);
  if (field === 'project') {
    for (const g of projectGroups(programme, lang)) lines.push(`  ${g.label}: ${g.options.map((o) => `${o.value} (${o.label})`).join(', ')}`);
  }
  if (field === 'status') {
    UPDATE_STATUSES.forEach((s, i) => {
      lines.push(`  ${i + 1}. ${STATUS_LABELS[s][lang]}`);
    });
  }
  const optional = !REQUIRED.includes(field);
  lines.push(
    optional
      ? L(lang, '(«salta» per lasciarlo vuoto, «indietro» per tornare, «annulla» per uscire)', '("skip" to leave it empty, "back" to go back, "cancel" to stop)')
      : L(lang, '(«indietro» per tornare, «annulla» per uscire)', '("back" to go back, "cancel" to stop)'),
  );
  return lines.join('\n');
}

function draftOf(values: Values): ParsedUpdate {
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

function previewReply(programme: Programme, state: DialogState, now: Date, extra?: string): DialogReply {
  const lang = state.lang;
  const check = validateUpdateForm(programme, state.values, lang, { now });
  const problems: Record<string, string> = check.ok ? {} : (check.errors as Record<string, string>);
  const draft = (check.ok ? check.value : draftOf(state.values)) as UpdateRecord;
  const lines = [
    extra,
    state.supersedes ? L(lang, `Correzione dell'aggiornamento #${state.supersedes}:`, `Revision of update #${state.supersedes}:`) : L(lang, 'Ecco l\'aggiornamento:', 'Here is the update:'),
    formatUpdatePreview(draftOf(state.values), lang, programme),
    ...Object.entries(problems).map(([f, m]) => `⚠ ${FIELD_TEXT[f as UpdateFieldId].label[lang]}: ${m}`),
    L(lang, 'Rispondi «salva», «modifica» o «annulla».', 'Reply "save", "edit" or "cancel".'),
  ].filter(Boolean);
  return { kind: 'update_preview', draft, text: lines.join('\n'), problems };
}

/** Moves to the next missing field, or to the preview when nothing is missing. */
async function advance(app: AppContext, programme: Programme, key: Key, state: DialogState, now: Date, problem?: string): Promise<DialogReply> {
  const next = state.pending.shift() ?? null;
  if (next && !state.backToConfirm) {
    state.stage = 'ask';
    state.current = next;
    state.asked.push(next);
    await storeDialog(app, key, state);
    return { kind: 'dialog', text: question(programme, state, next, problem) };
  }
  state.stage = 'confirm';
  state.current = null;
  state.backToConfirm = false;
  state.pending = [];
  await storeDialog(app, key, state);
  return previewReply(programme, state, now, problem);
}

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

export async function startUpdateDialog(app: AppContext, key: Key, opts: StartOptions): Promise<DialogReply> {
  const programme = await app.programme();
  const lang = opts.lang;
  if (!programme) return { kind: 'dialog', text: L(lang, 'Nessun programma caricato: non posso registrare aggiornamenti.', 'No programme loaded: I cannot log updates.'), done: true };
  const now = opts.now ?? new Date();
  const values: Values = {};
  for (const [k, v] of Object.entries(opts.prefill ?? {})) if (v !== null && v !== undefined && v !== '') values[k as UpdateFieldId] = v as string | number;
  if (values.project) {
    const auth = await checkCanLogUpdate(app, key.actor, String(values.project), lang);
    if (!auth.ok) {
      await clearDialog(app, key);
      return { kind: 'refused', text: auth.message };
    }
  }
  const missing = (opts.askOptional ? UPDATE_FIELDS : REQUIRED).filter((f) => values[f] === undefined);
  const state: DialogState = {
    v: 1,
    lang,
    stage: 'ask',
    values,
    pending: missing,
    current: null,
    asked: [],
    backToConfirm: false,
    source: opts.source,
    sourceText: opts.sourceText ?? null,
    supersedes: opts.supersedes ?? null,
    savedId: null,
  };
  const intro = opts.askOptional && !opts.prefill?.project ? L(lang, 'Nuovo aggiornamento di progetto.', 'New project update.') : undefined;
  const reply = await advance(app, programme, key, state, now);
  if (intro && reply.kind === 'dialog') reply.text = `${intro}\n${reply.text}`;
  return reply;
}

/** Reads one answer for `field`: the value to store, or an error message in the user's language. */
function readAnswer(programme: Programme, state: DialogState, field: UpdateFieldId, text: string, now: Date): { value: string | number | null } | { error: string } {
  const lang = state.lang;
  const t = text.trim();
  if (!REQUIRED.includes(field) && is(t, ...SKIP)) return { value: null };
  let candidate: string | number | null = t;
  if (field === 'project') {
    const n = Number(t);
    const flat = projectGroups(programme, lang).flatMap((g) => g.options);
    if (Number.isInteger(n) && n >= 1 && n <= flat.length) candidate = flat[n - 1].value;
    else candidate = resolveProjectRef(programme, t)?.id ?? findProjectInText(programme, t)?.project.id ?? t;
  }
  if (field === 'status') {
    const n = Number(t);
    candidate = Number.isInteger(n) && n >= 1 && n <= UPDATE_STATUSES.length ? UPDATE_STATUSES[n - 1] : statusFromText(t) ?? statusFromCues(t) ?? t;
  }
  const check = validateUpdateForm(programme, { ...state.values, [field]: candidate }, lang, { now });
  if (!check.ok && check.errors[field]) return { error: check.errors[field]! };
  return { value: check.ok ? (check.value[field] as string | number | null) : normalise(field, candidate) };
}

function normalise(field: UpdateFieldId, v: string | number | null): string | number | null {
  if (v === null) return null;
  if (field === 'progress') return Number(String(v).replace('%', '').trim());
  return typeof v === 'string' ? v.trim() : v;
}

/**
 * Continues the dialog of this person in this conversation with their message. Null when there is
 * none, or when the message is clearly something else (a question after a finished dialog): the
 * caller then treats it as a new message.
 */
export async function continueUpdateDialog(
  app: AppContext,
  key: Key,
  text: string,
  now: Date = new Date(),
  channel: OutboundChannel | null = null,
): Promise<DialogReply | null> {
  const state = await loadDialog(app, key, now);
  if (!state) return null;
  const programme = await app.programme();
  if (!programme) return null;
  const lang = state.lang;
  const t = text.trim();

  if (state.stage === 'saved') {
    if (is(t, ...EDIT) && state.savedId) {
      const saved = await getUpdate(app.db, state.savedId);
      if (saved) {
        const { project, status, progress, summary, next_steps, blockers, due_date } = saved;
        const next: DialogState = {
          ...state,
          stage: 'choose_field',
          values: { project, status, progress, summary, next_steps, blockers, due_date },
          supersedes: saved.id,
          savedId: null,
          asked: [],
          pending: [],
          current: null,
        };
        await storeDialog(app, key, next);
        return { kind: 'dialog', text: chooseFieldText(lang) };
      }
    }
    await clearDialog(app, key);
    return null;
  }

  if (is(t, ...CANCEL)) {
    await clearDialog(app, key);
    return { kind: 'dialog', text: L(lang, 'Aggiornamento annullato: non ho salvato nulla.', 'Update cancelled: nothing was saved.'), done: true };
  }

  if (state.stage === 'confirm') {
    if (is(t, ...SAVE)) return save(app, programme, key, state, now, channel);
    const editField = /^(?:modifica|edit|cambia|change|correggi|fix)\s+(.+)$/iu.exec(t);
    if (editField && fieldFromWord(editField[1])) return askOne(app, programme, key, state, fieldFromWord(editField[1])!);
    if (is(t, ...EDIT)) {
      state.stage = 'choose_field';
      await storeDialog(app, key, state);
      return { kind: 'dialog', text: chooseFieldText(lang) };
    }
    if (is(t, ...BACK) && state.asked.length > 0) return askOne(app, programme, key, state, state.asked[state.asked.length - 1]);
    if (/\?\s*$/.test(t)) {
      // A question while the preview waits: leave the draft and let the caller answer it.
      return null;
    }
    return { kind: 'dialog', text: L(lang, 'Non ho capito: rispondi «salva», «modifica» o «annulla».', 'Sorry, reply "save", "edit" or "cancel".') };
  }

  if (state.stage === 'choose_field') {
    if (is(t, ...BACK)) {
      state.stage = 'confirm';
      await storeDialog(app, key, state);
      return previewReply(programme, state, now);
    }
    if (/\?\s*$/.test(t)) return null;
    const field = fieldFromWord(t.replace(/^(?:modifica|edit)\s+/i, ''));
    if (!field) return { kind: 'dialog', text: chooseFieldText(lang, true) };
    return askOne(app, programme, key, state, field);
  }

  // stage 'ask'
  const field = state.current;
  if (!field) return advance(app, programme, key, state, now);
  if (is(t, ...BACK)) {
    const idx = state.asked.lastIndexOf(field);
    const previous = idx > 0 ? state.asked[idx - 1] : null;
    if (!previous) return { kind: 'dialog', text: `${L(lang, 'Sei già alla prima domanda.', 'This is already the first question.')}\n${question(programme, state, field)}` };
    state.asked = state.asked.slice(0, idx - 1);
    state.pending = [previous, field, ...state.pending];
    delete state.values[previous];
    return advance(app, programme, key, state, now);
  }
  // A question in the middle of the form: let the caller answer it; the dialog waits.
  if (/\?\s*$/.test(t)) return null;
  const answer = readAnswer(programme, state, field, t, now);
  if ('error' in answer) return { kind: 'dialog', text: question(programme, state, field, answer.error) };
  state.values[field] = answer.value;
  if (field === 'project' && answer.value) {
    const auth = await checkCanLogUpdate(app, key.actor, String(answer.value), lang);
    if (!auth.ok) {
      await clearDialog(app, key);
      return { kind: 'refused', text: auth.message };
    }
  }
  return advance(app, programme, key, state, now);
}

function chooseFieldText(lang: Lang, again = false): string {
  const names = UPDATE_FIELDS.map((f, i) => `${i + 1}. ${FIELD_TEXT[f].label[lang].replace(/ \(%\)$/, '')}`).join('\n');
  return `${again ? L(lang, 'Non ho capito quale campo. ', 'Which field? ') : ''}${L(lang, 'Cosa vuoi modificare? (numero o nome del campo; «indietro» per tornare all\'anteprima)', 'What do you want to change? (number or field name; "back" for the preview)')}\n${names}`;
}

async function askOne(app: AppContext, programme: Programme, key: Key, state: DialogState, field: UpdateFieldId): Promise<DialogReply> {
  state.stage = 'ask';
  state.current = field;
  state.asked.push(field);
  state.pending = [];
  state.backToConfirm = true;
  await storeDialog(app, key, state);
  const current = state.values[field];
  const now = current === undefined || current === null || current === '' ? '' : `\n${L(state.lang, 'Ora', 'Now')}: ${current}`;
  return { kind: 'dialog', text: `${question(programme, state, field)}${now}` };
}

async function save(app: AppContext, programme: Programme, key: Key, state: DialogState, now: Date, channel: OutboundChannel | null): Promise<DialogReply> {
  const lang = state.lang;
  const result = await saveEnteredUpdate(app, channel, {
    actor: key.actor,
    lang,
    values: state.values,
    source: state.source,
    sourceText: state.sourceText,
    supersedes: state.supersedes,
    now,
  });
  if (!result.ok && result.reason === 'invalid') {
    // Ask again exactly the fields that are wrong, then come back to the preview.
    const fields = UPDATE_FIELDS.filter((f) => result.errors[f]);
    state.pending = fields;
    state.backToConfirm = false;
    return advance(app, programme, key, state, now, result.errors[fields[0]]);
  }
  if (!result.ok) {
    await clearDialog(app, key);
    return { kind: 'refused', text: result.reason === 'refused' ? result.message : L(lang, 'Aggiornamento non salvato.', 'Update not saved.') };
  }
  const stored = result.stored;
  // Keep a small "saved" state so "modifica/edit" right after creates a revision.
  await storeDialog(app, key, { ...state, stage: 'saved', savedId: stored.id, values: {}, pending: [], asked: [], current: null });
  const unannounced =
    !result.announced.posted && result.announced.why === 'failed'
      ? L(lang, ` Non sono riuscito a pubblicarlo nel canale del cantiere (riferimento ${result.announced.ref}).`, ` I could not post it in the cantiere's channel (reference ${result.announced.ref}).`)
      : '';
  return {
    kind: 'dialog',
    done: true,
    text: L(
      lang,
      `Salvato: aggiornamento #${stored.id} per «${stored.projectName}». Per correggerlo scrivi «modifica».${unannounced}`,
      `Saved: update #${stored.id} for "${stored.projectName}". To correct it, reply "edit".${unannounced}`,
    ),
  };
}

/** A one-line reminder of a dialog still waiting (shown after answering a question asked meanwhile). */
export function pendingDialogReminder(state: DialogState): string | null {
  if (state.stage === 'saved') return null;
  const lang = state.lang;
  if (state.stage === 'ask' && state.current) {
    const label = FIELD_TEXT[state.current].label[lang].replace(/ \(%\)$/, '');
    return L(lang, `(Aggiornamento in corso: rispondi a «${label}?» oppure scrivi «annulla».)`, `(Update in progress: answer "${label}?" or reply "cancel".)`);
  }
  return L(lang, '(Aggiornamento in attesa: rispondi «salva», «modifica» o «annulla».)', '(Update waiting: reply "save", "edit" or "cancel".)');
}
