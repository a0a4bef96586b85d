import type { Activity, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import type { Queryable } from '../../../db/client.ts';
import type { Cantiere } from '../../programme/model.ts';

/**
 * Conversation references, the addresses Teams needs for proactive posts. A channel is stored
 * under its channel id (a thread's conversation id carries `;messageid=...`, which would make a
 * proactive post land as a reply in that thread instead of a new post in the channel).
 */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0];
}

/** The reference to store for the conversation an activity came from. */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  const id = baseConversationId(activity.conversation?.id ?? '');
  // No activityId: a proactive post is a new message, never a reply to the one we happened to see.
  const { activityId: _ignored, ...rest } = ref;
  return { ...rest, conversation: { ...ref.conversation!, id } };
}

export interface StoredReference {
  conversationId: string;
  reference: Partial<ConversationReference>;
  cantiereId: string | null;
}

/**
 * Stores (or refreshes) the reference; a conversation named as a cantiere's Teams channel in the
 * programme file is linked to it, an existing link by command is kept.
 */
export async function saveReference(db: Queryable, activity: Partial<Activity>): Promise<StoredReference> {
  const reference = referenceOf(activity);
  const conversationId = reference.conversation!.id;
  const [row] = await db.query<{ cantiere_id: string | null }>(
    `INSERT INTO conversation_refs (platform, conversation_id, reference, cantiere_id)
     VALUES ('teams', $1, $2, (SELECT id FROM cantieri WHERE teams_channel = $1 AND NOT archived ORDER BY position LIMIT 1))
     ON CONFLICT (platform, conversation_id) DO UPDATE SET reference = excluded.reference,
       cantiere_id = coalesce(conversation_refs.cantiere_id, excluded.cantiere_id), updated_at = now()
     RETURNING cantiere_id`,
    [conversationId, reference],
  );
  return { conversationId, reference, cantiereId: row?.cantiere_id ?? null };
}

export async function findReference(db: Queryable, conversationId: string): Promise<StoredReference | null> {
  const [row] = await db.query(
    `SELECT conversation_id, reference, cantiere_id FROM conversation_refs WHERE platform = 'teams' AND conversation_id = $1`,
    [baseConversationId(conversationId)],
  );
  return row ? { conversationId: row.conversation_id, reference: row.reference, cantiereId: row.cantiere_id } : null;
}

/** The 1:1 chat with a user (by Teams user id or Entra object id), if the bot has one. */
export async function findPersonalReference(db: Queryable, userId: string): Promise<StoredReference | null> {
  const [row] = await db.query(
    `SELECT conversation_id, reference, cantiere_id FROM conversation_refs
     WHERE platform = 'teams' AND reference->'conversation'->>'conversationType' = 'personal'
       AND (reference->'user'->>'id' = $1 OR reference->'user'->>'aadObjectId' = $1)
     ORDER BY updated_at DESC LIMIT 1`,
    [userId],
  );
  return row ? { conversationId: row.conversation_id, reference: row.reference, cantiereId: row.cantiere_id } : null;
}

/** Any stored reference, the most recent first: its service URL and bot identity address the tenant. */
export async function latestReference(db: Queryable): Promise<StoredReference | null> {
  const [row] = await db.query(
    `SELECT conversation_id, reference, cantiere_id FROM conversation_refs WHERE platform = 'teams' ORDER BY updated_at DESC LIMIT 1`,
  );
  return row ? { conversationId: row.conversation_id, reference: row.reference, cantiereId: row.cantiere_id } : null;
}

/** The cantiere a conversation belongs to: linked by command, or named in the programme file. */
export async function cantiereOfConversation(db: Queryable, conversationId: string): Promise<string | null> {
  const id = baseConversationId(conversationId);
  const [row] = await db.query<{ id: string }>(
    `SELECT coalesce(
       (SELECT cantiere_id FROM conversation_refs WHERE platform = 'teams' AND conversation_id = $1),
       (SELECT id FROM cantieri WHERE teams_channel = $1 AND NOT archived ORDER BY position LIMIT 1)) AS id`,
    [id],
  );
  return row?.id ?? null;
}

export async function linkCantiere(db: Queryable, activity: Partial<Activity>, cantiereId: string): Promise<void> {
  const reference = referenceOf(activity);
  await db.query(
    `INSERT INTO conversation_refs (platform, conversation_id, reference, cantiere_id) VALUES ('teams', $1, $2, $3)
     ON CONFLICT (platform, conversation_id) DO UPDATE SET reference = excluded.reference, cantiere_id = excluded.cantiere_id, updated_at = now()`,
    [reference.conversation!.id, reference, cantiereId],
  );
}

/**
 * Where a cantiere's messages go on Teams: the conversation linked to it (the bot was installed
 * there, so a proactive post works), or the channel named in the programme file.
 */
export async function teamsDestination(db: Queryable, cantiere: Cantiere): Promise<string | null> {
  const [ref] = await db.query<{ conversation_id: string }>(
    `SELECT conversation_id FROM conversation_refs WHERE platform = 'teams' AND cantiere_id = $1 ORDER BY updated_at DESC LIMIT 1`,
    [cantiere.id],
  );
  return ref?.conversation_id ?? cantiere.teamsChannel;
}
