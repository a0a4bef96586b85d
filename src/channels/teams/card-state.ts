import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app.ts';

/**
 * What a card's buttons need besides what it shows (an update draft, the message it came from,
 * the update it revises), kept in `conversations` and referenced from the card by id: the card
 * then carries each text once, and stays small however long the pasted message was.
 */
export interface CardState {
  draft?: Record<string, unknown>;
  sourceText?: string;
  supersedes?: number;
}

const key = (id: string) => `card:${id}`;

export async function keepCardState(app: AppContext, state: CardState): Promise<string> {
  const id = randomUUID();
  await app.db.query(`INSERT INTO conversations (platform, conversation_id, user_id, kind, state) VALUES ('teams', $1, '', 'card_state', $2)`, [key(id), state]);
  return id;
}

export async function readCardState(app: AppContext, id: unknown): Promise<CardState | null> {
  if (typeof id !== 'string' || !id) return null;
  const [row] = await app.db.query(`SELECT state FROM conversations WHERE platform = 'teams' AND conversation_id = $1 AND user_id = '' AND kind = 'card_state'`, [key(id)]);
  return (row?.state as CardState) ?? null;
}
