import type { AppContext } from '../../../app.ts';
import type { Actor } from '../../types.ts';
import type { DialogState } from './state.ts';

/**
 * Where a dialog waits between messages: the `conversations` table, so a restart or a second
 * replica continues the same dialog.
 */

export const DIALOG_KIND = 'update_dialog';
/** A dialog left alone this long is forgotten (the next message is treated as new). */
const DIALOG_TTL_MS = 24 * 60 * 60 * 1000;

export interface DialogKey {
  actor: Actor;
  conversationId: string;
}

export async function loadDialog(app: AppContext, key: DialogKey, now: Date = new Date()): Promise<DialogState | null> {
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

export async function storeDialog(app: AppContext, key: DialogKey, state: DialogState): Promise<void> {
  await app.db.query(
    `INSERT INTO conversations (platform, conversation_id, user_id, kind, state, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (platform, conversation_id, user_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, updated_at = now()`,
    [key.actor.platform, key.conversationId, key.actor.userId, DIALOG_KIND, state],
  );
}

/** Forgets the dialog of this person in this conversation (e.g. after a channel saved the draft itself). */
export async function clearDialog(app: AppContext, key: DialogKey): Promise<void> {
  await app.db.query(`DELETE FROM conversations WHERE platform = $1 AND conversation_id = $2 AND user_id = $3 AND kind = $4`, [
    key.actor.platform,
    key.conversationId,
    key.actor.userId,
    DIALOG_KIND,
  ]);
}
