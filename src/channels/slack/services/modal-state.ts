import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../app.ts';
import type { Lang } from '../../../core/types.ts';
import { BLOCK_LIMITS } from '../render/limits.ts';
import { readModalMeta, type UpdateModalMeta } from '../render/update-modal.ts';

const key = (id: string) => `modal:${id}`;

/**
 * The modal's `private_metadata`: the state itself when it fits Slack's 3,000 characters, else
 * a reference to it kept in `conversations` (a long pasted message must not stop the modal opening).
 */
export async function packModalMeta(app: AppContext, userId: string, meta: UpdateModalMeta): Promise<string> {
  const inline = JSON.stringify(meta);
  if (inline.length <= BLOCK_LIMITS.privateMetadata) return inline;
  const stateId = randomUUID();
  await app.db.query(`INSERT INTO conversations (platform, conversation_id, user_id, kind, state) VALUES ('slack', $1, $2, 'modal_state', $3)`, [
    key(stateId),
    userId,
    meta,
  ]);
  return JSON.stringify({ lang: meta.lang, stateId });
}

/** The state a submitted modal carries, read back from the store when it was kept there. */
export async function unpackModalMeta(app: AppContext, privateMetadata: string | undefined, userId: string, fallback: Lang): Promise<UpdateModalMeta & { stateId?: string }> {
  const meta = readModalMeta(privateMetadata, fallback);
  if (!meta.stateId) return meta;
  const [row] = await app.db.query(`SELECT state FROM conversations WHERE platform = 'slack' AND conversation_id = $1 AND user_id = $2 AND kind = 'modal_state'`, [
    key(meta.stateId),
    userId,
  ]);
  return row ? { ...readModalMeta(JSON.stringify(row.state), fallback), stateId: meta.stateId } : meta;
}

/** Forgets a stored modal state once its update is saved. */
export async function dropModalMeta(app: AppContext, stateId: string | undefined, userId: string): Promise<void> {
  if (!stateId) return;
  await app.db.query(`DELETE FROM conversations WHERE platform = 'slack' AND conversation_id = $1 AND user_id = $2 AND kind = 'modal_state'`, [key(stateId), userId]);
}
