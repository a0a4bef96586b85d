import { fold } from '../../language.ts';
import { UPDATE_FIELDS, type UpdateFieldId } from '../schema.ts';

/** The words a person answers the update dialog with, in Italian and English. */

export const CANCEL = ['annulla', 'cancel', 'stop', 'lascia perdere', 'abort', 'esci dal modulo'];
export const BACK = ['indietro', 'back', 'torna indietro', 'go back', 'previous'];
export const SAVE = ['salva', 'save', 'si', 'sì', 'yes', 'ok', 'okay', 'conferma', 'confermo', 'confirm', 'va bene', 'y', 's'];
export const EDIT = ['modifica', 'edit', 'cambia', 'change', 'correggi', 'fix'];
export const SKIP = ['salta', 'skip', '-', 'nessuno', 'nessuna', 'none', 'niente', 'no', 'n/a', 'nulla', 'vuoto', 'empty'];

/** "modifica avanzamento", "edit 3": an edit verb followed by the field. */
const EDIT_FIELD = new RegExp(`^(?:${EDIT.join('|')})\\s+(.+)$`, 'iu');

/** The whole message is one of `words` (accents, case and a final stop aside). */
export function is(text: string, words: readonly string[]): boolean {
  const t = fold(text).trim().replace(/[.!]+$/, '');
  return words.includes(t);
}

/** A question asked in the middle of the dialog: the caller answers it and the dialog waits. */
export function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text);
}

const FIELD_WORDS: Record<string, UpdateFieldId> = {
  progetto: 'project', project: 'project',
  stato: 'status', status: 'status',
  avanzamento: 'progress', progress: 'progress', percentuale: 'progress', '%': 'progress',
  riepilogo: 'summary', summary: 'summary', 'cosa e successo': 'summary', 'what happened': 'summary', testo: 'summary',
  'prossimi passi': 'next_steps', 'prossimo passo': 'next_steps', 'next steps': 'next_steps', 'next step': 'next_steps', next: 'next_steps',
  ostacoli: 'blockers', blocchi: 'blockers', blockers: 'blockers', blocker: 'blockers',
  scadenza: 'due_date', 'due date': 'due_date', due: 'due_date', data: 'due_date', deadline: 'due_date',
};

/** A field named by a word ("avanzamento", "next steps") or by its number in the list. */
export function fieldFromWord(text: string): UpdateFieldId | null {
  const t = fold(text).trim();
  if (FIELD_WORDS[t]) return FIELD_WORDS[t];
  const n = Number(t);
  if (Number.isInteger(n) && n >= 1 && n <= UPDATE_FIELDS.length) return UPDATE_FIELDS[n - 1];
  return null;
}

/** The field of "modifica avanzamento" / "edit 3", if the message is one. */
export function editedField(text: string): UpdateFieldId | null {
  const m = EDIT_FIELD.exec(text.trim());
  return m ? fieldFromWord(m[1]) : null;
}
