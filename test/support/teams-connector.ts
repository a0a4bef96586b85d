import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One call the bot made to the Bot Connector. */
export interface ConnectorActivity {
  method: 'POST' | 'PUT' | 'DELETE';
  /** The request path, e.g. `/v3/conversations/19%3Aabc/activities/123`. */
  path: string;
  /** Decoded conversation id from the path. */
  conversationId: string;
  /** The activity id in the path (reply target for POST, edited activity for PUT). */
  activityId: string | null;
  /** The id the connector gave back. */
  id: string;
  /** The activity the bot sent (type, text, attachments, ...). */
  activity: Record<string, any>;
  authorization: string | undefined;
}

export interface FakeConnector {
  /** Where activities' `serviceUrl` should point (ends with a slash, as Teams sends it). */
  serviceUrl: string;
  /** Everything the bot sent, in order. */
  activities: ConnectorActivity[];
  /**
   * The next `times` calls fail with `status` (default 503). Note botbuilder's HTTP pipeline
   * retries 408/429/5xx (except 501/505) up to 3 times with backoff; 4xx such as 403 fail at once.
   */
  failNext(times?: number, status?: number): void;
  /** Resolves when at least `count` activities matching `filter` were recorded. */
  waitFor(count: number, filter?: (a: ConnectorActivity) => boolean, timeoutMs?: number): Promise<ConnectorActivity[]>;
  /**
   * Hosts a file the way Teams hands one to a bot: a pre-authenticated `downloadUrl` (the
   * `file.download.info` attachment). Returns that URL; downloads are counted in `downloads`.
   */
  hostFile(name: string, bytes: Uint8Array): string;
  /**
   * From now on activities of a stream (carrying a `streaminfo` entity) are refused with 403
   * `ContentStreamNotAllowed`, as Teams answers where it does not stream (and are not recorded).
   */
  refuseStreams(): void;
  downloads: string[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * A local Bot Connector: the REAL botbuilder ConnectorClient posts replies and proactive messages
 * here (`POST v3/conversations/{id}/activities[/{replyToId}]`, `PUT` for card updates), and it
 * answers `{ id }` like the real service. Also accepts `POST v3/conversations` (create a 1:1 chat).
 */
export async function startFakeConnector(): Promise<FakeConnector> {
  const activities: ConnectorActivity[] = [];
  let failures = 0;
  let refuseStreams = false;
  let failStatus = 503;
  const waiters: (() => void)[] = [];
  const files = new Map<string, Uint8Array>();
  const downloads: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hosted = /^\/files\/([^/]+)\//.exec(url.pathname);
    if (req.method === 'GET' && hosted) {
      const bytes = files.get(hosted[1]);
      downloads.push(url.pathname);
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/octet-stream' });
      return void res.end(bytes ? Buffer.from(bytes) : undefined);
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const body = await readJson(req);
      if (failures > 0) {
        failures--;
        return send(failStatus, { error: { code: failStatus === 403 ? 'BotNotInConversationRoster' : 'ServiceUnavailable', message: 'fake connector told to fail' } });
      }
      if (req.method === 'POST' && url.pathname === '/v3/conversations') {
        return send(201, { id: `a:${randomUUID()}`, activityId: randomUUID(), serviceUrl: undefined });
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (!m || !['POST', 'PUT', 'DELETE'].includes(req.method ?? '')) {
        return send(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
      }
      const activityId = m[2] ? decodeURIComponent(m[2]) : null;
      const streaming = (body.entities ?? []).some((e: any) => e?.type === 'streaminfo');
      if (refuseStreams && streaming) {
        return send(403, { error: { code: 'ContentStreamNotAllowed', message: 'Content stream is not allowed' } });
      }
      const id = req.method === 'PUT' && activityId ? activityId : randomUUID();
      activities.push({
        method: req.method as ConnectorActivity['method'],
        path: url.pathname,
        conversationId: decodeURIComponent(m[1]),
        activityId,
        id,
        activity: body,
        authorization: req.headers.authorization,
      });
      for (const w of waiters.splice(0)) w();
      return send(200, { id });
    } catch (err) {
      return send(400, { error: { code: 'BadRequest', message: (err as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities,
    downloads,
    hostFile(name, bytes) {
      const key = randomUUID();
      files.set(key, bytes);
      return `http://127.0.0.1:${port}/files/${key}/${encodeURIComponent(name)}?tempauth=sim`;
    },
    refuseStreams() {
      refuseStreams = true;
    },
    failNext(times = 1, status = 503) {
      failures = times;
      failStatus = status;
    },
    async waitFor(count, filter = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = activities.filter(filter);
        if (found.length >= count) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`fake connector: expected ${count} activities, got ${found.length}: ${JSON.stringify(activities.map((a) => a.activity.type))}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Activities as Teams sends them to the bot.

export const BOT = { id: '28:regia-bot', name: 'Regia' };
export const TENANT = 'tenant-0001';

let seq = 0;

export interface ActivityOptions {
  serviceUrl: string;
  /** Conversation id; a channel message uses `19:...@thread.tacv2;messageid=...`. */
  conversationId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  from?: { id: string; name: string; aadObjectId?: string };
  id?: string;
  replyToId?: string;
  /** Team and channel ids for channel conversations. */
  teamId?: string;
  channelId?: string;
}

function base(o: ActivityOptions): Record<string, any> {
  const type = o.conversationType ?? 'personal';
  const conversationId = o.conversationId ?? (type === 'personal' ? 'a:personal-chat-1' : '19:general@thread.tacv2');
  const from = o.from ?? { id: '29:user-1', name: 'Maria Rossi', aadObjectId: 'aad-user-1' };
  const out: Record<string, any> = {
    id: o.id ?? `${Date.now()}${++seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: type, tenantId: TENANT, ...(type !== 'personal' ? { isGroup: true } : {}) },
    channelData: { tenant: { id: TENANT } },
    locale: 'it-IT',
  };
  if (type === 'channel') {
    out.channelData.team = { id: o.teamId ?? '19:team@thread.tacv2', name: 'Io Ci CRedo' };
    out.channelData.channel = { id: o.channelId ?? conversationId.split(';')[0] };
  }
  if (o.replyToId) out.replyToId = o.replyToId;
  return out;
}

/** A message; in a channel (`mention: true`) the text starts with `<at>Regia</at>` and carries the mention entity. */
export function messageActivity(text: string, o: ActivityOptions & { mention?: boolean }): Record<string, any> {
  const a = base(o);
  a.type = 'message';
  a.textFormat = 'plain';
  if (o.mention) {
    const mentionText = `<at>${BOT.name}</at>`;
    a.text = `${mentionText} ${text}`;
    a.entities = [{ type: 'mention', text: mentionText, mentioned: BOT }];
  } else {
    a.text = text;
  }
  return a;
}

/** The attachment Teams adds to a message carrying a file (1:1 chats, or channels). */
export function fileAttachment(name: string, downloadUrl: string): Record<string, unknown> {
  return {
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    contentUrl: `https://tenant.sharepoint.test/personal/files/${encodeURIComponent(name)}`,
    name,
    content: { downloadUrl, uniqueId: randomUUID(), fileType: name.split('.').pop() },
  };
}

/** What an Action.Submit click delivers: a message with the card's data and inputs in `value`, no text. */
export function submitActivity(value: Record<string, unknown>, o: ActivityOptions): Record<string, any> {
  const a = base(o);
  a.type = 'message';
  a.value = value;
  return a;
}

/** What an Action.Execute click delivers: an `adaptiveCard/action` invoke whose response body is the new card. */
export function executeActivity(verb: string, data: Record<string, unknown>, o: ActivityOptions): Record<string, any> {
  const a = base(o);
  a.type = 'invoke';
  a.name = 'adaptiveCard/action';
  a.value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
  return a;
}

/** The app being added to a team, chat or personal scope. */
export function installActivity(o: ActivityOptions & { kind?: 'conversationUpdate' | 'installationUpdate' }): Record<string, any> {
  const a = base(o);
  if ((o.kind ?? 'conversationUpdate') === 'conversationUpdate') {
    a.type = 'conversationUpdate';
    a.membersAdded = [BOT];
    if (a.channelData.team) a.channelData.eventType = 'teamMemberAdded';
  } else {
    a.type = 'installationUpdate';
    a.action = 'add';
  }
  return a;
}

export interface PostResult {
  status: number;
  body: any;
}

/**
 * POSTs an activity to the bot's `/api/messages` (baseUrl = `http://127.0.0.1:PORT`), as the Teams
 * service would, then waits until the work it queued is done: messages are handled by the queue's
 * workers after the 200 (the service's /healthz counts the open jobs). `settle: false` returns at once.
 */
export async function postActivity(baseUrl: string, activity: Record<string, unknown>, token?: string, { settle = true } = {}): Promise<PostResult> {
  const result = await postOnly(baseUrl, activity, token);
  if (settle) await queueSettled(baseUrl);
  return result;
}

/** Waits until the service at `baseUrl` has no queued or running job (per /healthz). */
export async function queueSettled(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${baseUrl.replace(/\/$/, '')}/healthz`)).json()) as { work?: { waiting: number; running: number } };
    if (health.work && health.work.waiting === 0 && health.work.running === 0) return;
    if (Date.now() > deadline) throw new Error(`the service's queue did not empty in ${timeoutMs} ms: ${JSON.stringify(health)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function postOnly(baseUrl: string, activity: Record<string, unknown>, token?: string): Promise<PostResult> {
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* plain text body */
  }
  return { status: res.status, body };
}
