import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../app.ts';
import { clearDialog } from '../../../core/updates/dialog/store.ts';
import type { Lang } from '../../../core/types.ts';
import type { UpdateRecord } from '../../../core/updates/schema.ts';

/** An update parsed from a plain message, waiting for its author's Save / Edit / Cancel. */
export interface UpdatePreview {
  draft: UpdateRecord;
  problems: Record<string, string>;
  lang: Lang;
  channel: string;
  threadTs?: string;
  sourceText: string;
  sourceRef?: string;
  /** The assistant's conversation the preview came from: its dialog ends when the preview is settled. */
  conversationId?: string;
}

const key = (id: string) => `preview:${id}`;

/** Keeps a preview in `conversations` (so a restart or another replica can still save it). */
export async function createPreview(app: AppContext, userId: string, preview: UpdatePreview): Promise<string> {
  const id = randomUUID();
  await app.db.query(
    `INSERT INTO conversations (platform, conversation_id, user_id, kind, state) VALUES ('slack', $1, $2, 'update_preview', $3)`,
    [key(id), userId, preview],
  );
  return id;
}

export async function readPreview(app: AppContext, id: string, userId: string): Promise<UpdatePreview | null> {
  const [row] = await app.db.query(
    `SELECT state FROM conversations WHERE platform = 'slack' AND conversation_id = $1 AND user_id = $2 AND kind = 'update_preview'`,
    [key(id), userId],
  );
  return (row?.state as UpdatePreview) ?? null;
}

/**
 * Takes a preview out of the store: only the first of two concurrent clicks gets it, which is
 * what keeps a double-clicked Save from storing the update twice.
 */
export async function takePreview(app: AppContext, id: string, userId: string): Promise<UpdatePreview | null> {
  const [row] = await app.db.query(
    `DELETE FROM conversations WHERE platform = 'slack' AND conversation_id = $1 AND user_id = $2 AND kind = 'update_preview' RETURNING state`,
    [key(id), userId],
  );
  return (row?.state as UpdatePreview) ?? null;
}

/** Puts a preview back (a Save that failed validation or authorisation must not lose the draft). */
export async function restorePreview(app: AppContext, id: string, userId: string, preview: UpdatePreview): Promise<void> {
  await app.db.query(
    `INSERT INTO conversations (platform, conversation_id, user_id, kind, state) VALUES ('slack', $1, $2, 'update_preview', $3)
     ON CONFLICT (platform, conversation_id, user_id) DO NOTHING`,
    [key(id), userId, preview],
  );
}

/**
 * The assistant keeps an update dialog waiting for "salva / annulla" in its conversation; once the
 * preview is settled through the buttons or the modal, that dialog is over too.
 */
export async function settleDialog(app: AppContext, userId: string, preview: UpdatePreview): Promise<void> {
  if (!preview.conversationId) return;
  await clearDialog(app, { actor: { platform: 'slack', userId, displayName: userId }, conversationId: preview.conversationId });
}
