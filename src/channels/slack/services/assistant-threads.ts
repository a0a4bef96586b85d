import type { AssistantConfig } from '@slack/bolt';

// Bolt does not export these two types by name; they are its config's.
type AssistantThreadContextStore = NonNullable<AssistantConfig['threadContextStore']>;
type AssistantThreadContext = Awaited<ReturnType<AssistantThreadContextStore['get']>>;
import type { AppContext } from '../../../app.ts';

const KIND = 'assistant_thread';
const key = (channel: string, threadTs: string) => `assistant:${channel}:${threadTs}`;

function threadOf(payload: Record<string, any>): { channel: string; threadTs: string } | null {
  const thread = payload.assistant_thread;
  const channel = thread?.channel_id ?? payload.channel;
  const threadTs = thread?.thread_ts ?? payload.thread_ts;
  return channel && threadTs ? { channel, threadTs } : null;
}

/**
 * Assistant threads kept in the database (the `conversations` table): which threads are Regia's
 * assistant threads, and the channel each person is viewing (thread context). Every replica sees
 * the same; Bolt's default store keeps it in message metadata it edits through chat.update.
 */
export function threadContextStore(app: AppContext): AssistantThreadContextStore {
  return {
    async get(args: Parameters<AssistantThreadContextStore['get']>[0]) {
      const t = threadOf(args.payload as Record<string, any>);
      return t ? ((await loadThreadContext(app, t.channel, t.threadTs)) ?? {}) : {};
    },
    async save(args: Parameters<AssistantThreadContextStore['save']>[0]) {
      const payload = args.payload as Record<string, any>;
      const t = threadOf(payload);
      if (t) await saveThreadContext(app, t.channel, t.threadTs, payload.assistant_thread?.context ?? {});
    },
  };
}

export async function saveThreadContext(app: AppContext, channel: string, threadTs: string, context: AssistantThreadContext): Promise<void> {
  await app.db.query(
    `INSERT INTO conversations (platform, conversation_id, user_id, kind, state) VALUES ('slack', $1, '', $2, $3)
     ON CONFLICT (platform, conversation_id, user_id) DO UPDATE SET state = excluded.state, updated_at = now()`,
    [key(channel, threadTs), KIND, JSON.stringify(context)],
  );
}

/** The thread's context, or null when the thread is not an assistant thread Regia knows. */
export async function loadThreadContext(app: AppContext, channel: string, threadTs: string): Promise<AssistantThreadContext | null> {
  const [row] = await app.db.query<{ state: AssistantThreadContext }>(
    `SELECT state FROM conversations WHERE platform = 'slack' AND conversation_id = $1 AND user_id = '' AND kind = $2`,
    [key(channel, threadTs), KIND],
  );
  return row ? (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) : null;
}
