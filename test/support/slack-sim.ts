import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded call: a Web API method (`chat.postMessage`) or a POST to a `response_url`. */
export interface SlackCall {
  /** Web API method name, or `response_url` for posts to `${url}response/...`. */
  method: string;
  /** Path after the base (for response_url calls: `response/<id>`). */
  path: string;
  /** The bearer token the client sent, if any. */
  token?: string;
  /** Parsed body: form fields (JSON-looking `blocks`, `view`, `attachments`... decoded) or JSON. */
  body: Record<string, any>;
  at: number;
  /** The HTTP status of a simulated fault (see failNext), when this call got one. */
  fault?: number;
}

export interface SlackSimulator {
  /** Base URL with a trailing slash: give it to the Web API client as `slackApiUrl` (SLACK_API_URL). */
  url: string;
  /** A URL to use as `response_url` in commands and interactive payloads; posts to it are recorded. */
  responseUrl(id?: string): string;
  calls: SlackCall[];
  /** Calls of one method. */
  callsTo(method: string): SlackCall[];
  /**
   * The next `times` calls of `method` answer `{ ok: false, error }` (HTTP 200, as Slack does);
   * an error `http:500` answers HTTP 500 instead, `http:429` a rate limit with Retry-After: 1.
   */
  failNext(method: string, times?: number, error?: string): void;
  /** Resolves with the first call (recorded or future) matching, or rejects after `timeoutMs`. */
  waitFor(predicate: (c: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** Resolves when `count` calls match. */
  waitForCount(predicate: (c: SlackCall) => boolean, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  /**
   * A file in the workspace: `files.info` describes it and `url_private_download` serves its bytes
   * to a request bearing a bot token (recorded as a `file_download` call).
   */
  addFile(file: { id: string; name: string; bytes: Uint8Array; filetype?: string }): { id: string; name: string; size: number };
  /**
   * Streamed messages (`chat.startStream`, `appendStream`, `stopStream`), by ts: the Markdown text
   * as it stands, the blocks `stopStream` appended, and whether the stream was stopped.
   */
  streams: Map<string, { channel: string; threadTs?: string; text: string; blocks: unknown[]; stopped: boolean }>;
  /** From now on `chat.startStream` answers `{ ok: false, error }` (a workspace or surface that refuses streaming). */
  refuseStreams(error?: string): void;
  /**
   * Holds each chat.postMessage reply for this long (the message is posted when the request
   * arrives, as on Slack; only the answer is late), so a test can stop the caller mid-post.
   */
  postDelayMs: number;
  reset(): void;
  close(): Promise<void>;
}

/** The identity the simulated workspace gives the bot (auth.test). */
export const SIM_BOT = { userId: 'U0REGIABOT', botId: 'B0REGIABOT', teamId: 'T0SIMTEAM' };

// Form fields that the Web API client JSON-encodes.
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'user_auth_blocks', 'options', 'chunks', 'prompts', 'loading_messages']);

/** The bytes of an upload: the body as sent, or the file part of a multipart/form-data body. */
function fileBytes(body: Buffer, contentType = ''): Buffer {
  const boundary = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2); // after CRLF, before CRLF
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/i.test(part.subarray(0, headerEnd).toString())) return part.subarray(headerEnd + 4);
    at = next;
  }
  return body;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (data += d));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* leave it as text */
      }
    }
    out[k] = v;
  }
  return out;
}

/**
 * A fake Slack Web API that the real @slack/web-api client (inside Bolt) talks to through
 * `slackApiUrl`. It records every call and answers like Slack for the methods Regia uses.
 */
export async function startSlackSimulator(): Promise<SlackSimulator> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, { times: number; error: string }>();
  const waiters = new Set<() => void>();
  const files = new Map<string, { id: string; name: string; bytes: Uint8Array; filetype?: string }>();
  /** Files Regia uploads (files.uploadV2): announced, then their bytes, then shared. */
  const uploads = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  let uploadCounter = 0;
  let base = '';
  const fileObject = (f: { id: string; name: string; bytes: Uint8Array; filetype?: string }) => ({
    id: f.id,
    name: f.name,
    title: f.name,
    filetype: f.filetype ?? f.name.split('.').pop(),
    size: f.bytes.length,
    url_private: `${base}files-pri/${f.id}/${encodeURIComponent(f.name)}`,
    url_private_download: `${base}files-pri/${f.id}/download/${encodeURIComponent(f.name)}`,
  });
  const streams: SlackSimulator['streams'] = new Map();
  let refuseStreams: string | null = null;
  // Stream pieces come as `markdown_text` or as markdown_text chunks.
  const streamText = (body: Record<string, any>) =>
    (body.markdown_text ?? '') + (Array.isArray(body.chunks) ? body.chunks.filter((c: any) => c?.type === 'markdown_text').map((c: any) => c.text).join('') : '');
  let tsCounter = 0;
  let viewCounter = 0;
  /** Messages posted in threads, as conversations.replies returns them (metadata only when asked for). */
  const threads = new Map<string, Record<string, unknown>[]>();
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  function answer(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://sim.slack.test/', team: 'Sim', user: 'regia', team_id: SIM_BOT.teamId, user_id: SIM_BOT.userId, bot_id: SIM_BOT.botId };
      case 'chat.postMessage': {
        const ts = nextTs();
        const message = { type: 'message', text: body.text, ts, thread_ts: body.thread_ts, bot_id: SIM_BOT.botId, ...(body.metadata ? { metadata: body.metadata } : {}) };
        if (body.thread_ts) threads.set(`${body.channel}:${body.thread_ts}`, [...(threads.get(`${body.channel}:${body.thread_ts}`) ?? []), message]);
        return { ok: true, channel: body.channel, ts, message };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.startStream': {
        if (refuseStreams) return { ok: false, error: refuseStreams };
        const ts = nextTs();
        streams.set(ts, { channel: body.channel, threadTs: body.thread_ts, text: streamText(body), blocks: [], stopped: false });
        return { ok: true, channel: body.channel, ts };
      }
      case 'chat.appendStream':
      case 'chat.stopStream': {
        const stream = streams.get(String(body.ts));
        if (!stream || stream.channel !== body.channel) return { ok: false, error: 'message_not_found' };
        if (stream.stopped) return { ok: false, error: 'message_not_in_streaming_state' };
        stream.text += streamText(body);
        if (method === 'chat.stopStream') {
          stream.stopped = true;
          stream.blocks = Array.isArray(body.blocks) ? body.blocks : [];
          return { ok: true, channel: body.channel, ts: body.ts, message: { type: 'message', text: stream.text, ts: body.ts, bot_id: SIM_BOT.botId } };
        }
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.getPermalink':
        return { ok: true, channel: body.channel, permalink: `https://sim.slack.test/archives/${body.channel}/p${String(body.message_ts).replace('.', '')}` };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: body.view_id ?? `V${String(++viewCounter).padStart(8, '0')}`, ...(body.view ?? {}) } };
      case 'users.info':
        return { ok: true, user: { id: body.user, name: `user-${body.user}`, real_name: `User ${body.user}`, profile: { display_name: `User ${body.user}`, real_name: `User ${body.user}` }, locale: 'it-IT' } };
      case 'files.info': {
        const f = files.get(String(body.file));
        return f ? { ok: true, file: fileObject(f) } : { ok: false, error: 'file_not_found' };
      }
      case 'conversations.replies': {
        const all = String(body.include_all_metadata) === 'true';
        const messages = (threads.get(`${body.channel}:${body.ts}`) ?? []).map(({ metadata, ...m }) => (all && metadata ? { ...m, metadata } : m));
        return { ok: true, messages, has_more: false };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${String(++uploadCounter).padStart(8, '0')}`;
        uploads.set(id, { filename: String(body.filename), length: Number(body.length) });
        return { ok: true, upload_url: `${base}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        // Slack refuses to share a file whose bytes never arrived.
        const list = (typeof body.files === 'string' ? JSON.parse(body.files) : body.files) as { id: string; title?: string }[];
        if (list.some((f) => !uploads.get(f.id)?.bytes)) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: list.map((f) => ({ id: f.id, title: f.title, name: uploads.get(f.id)!.filename })) };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? 'X').replace(/^U/, '')}` } };
      default:
        return { ok: true };
    }
  }

  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').replace(/^\//, '').split('?')[0];
      if (path.startsWith('upload/')) {
        // files.uploadV2's second step: the bytes, POSTed to the URL files.getUploadURLExternal gave.
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const bytes = fileBytes(Buffer.concat(chunks), req.headers['content-type']);
        const id = path.split('/')[1];
        const pending = uploads.get(id);
        calls.push({ method: 'file_upload', path, body: { fileId: id, bytes }, at: Date.now() });
        for (const w of [...waiters]) w();
        if (!pending) {
          res.writeHead(404);
          return void res.end('unknown upload');
        }
        pending.bytes = bytes;
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end(`OK - ${bytes.length}`);
      }
      const raw = await readBody(req);
      if (path.startsWith('files-pri/')) {
        const token = req.headers.authorization?.replace(/^Bearer\s+/i, '');
        calls.push({ method: 'file_download', path, token, body: {}, at: Date.now() });
        for (const w of [...waiters]) w();
        const f = files.get(path.split('/')[1]);
        // Slack answers a request without a valid token with its sign-in page, never the file.
        if (!f || !token?.startsWith('xoxb-')) {
          res.writeHead(f ? 403 : 404, { 'content-type': 'text/html' });
          return void res.end('<html>sign in</html>');
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.bytes.length) });
        return void res.end(Buffer.from(f.bytes));
      }
      const isApi = path.startsWith('api/');
      const method = isApi ? path.slice('api/'.length) : 'response_url';
      const auth = req.headers.authorization;
      const body = parseBody(raw, req.headers['content-type']);
      const call: SlackCall = { method, path, token: auth?.replace(/^Bearer\s+/i, '') || body.token, body, at: Date.now() };
      const failure = failures.get(method);
      const failing = !!failure && failure.times > 0;
      const http = failing ? /^http:(\d{3})$/.exec(failure!.error) : null;
      if (http) call.fault = Number(http[1]);
      calls.push(call);
      for (const w of [...waiters]) w();
      let reply: Record<string, unknown>;
      if (failing) {
        failure!.times -= 1;
        if (http) {
          res.writeHead(Number(http[1]), { 'content-type': 'application/json', ...(http[1] === '429' ? { 'retry-after': '1' } : {}) });
          res.end(JSON.stringify({ ok: false, error: http[1] === '429' ? 'ratelimited' : 'internal_error' }));
          return;
        }
        reply = { ok: false, error: failure.error };
      } else {
        reply = isApi ? answer(method, body) : { ok: true };
      }
      if (method === 'chat.postMessage' && sim.postDelayMs > 0) await new Promise((r) => setTimeout(r, sim.postDelayMs));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: (err as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;

  function waitForCount(predicate: (c: SlackCall) => boolean, count: number, timeoutMs = 10_000): Promise<SlackCall[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = calls.filter(predicate);
        if (found.length >= count) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`slack simulator: ${calls.filter(predicate).length}/${count} matching calls after ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  }

  const sim: SlackSimulator = {
    postDelayMs: 0,
    url: `${base}api/`,
    responseUrl: (id = String(Math.random()).slice(2)) => `${base}response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, times = 1, error = 'internal_error') {
      failures.set(method, { times, error });
    },
    waitFor: async (predicate, timeoutMs) => (await waitForCount(predicate, 1, timeoutMs))[0],
    waitForCount,
    addFile(file) {
      files.set(file.id, file);
      return { id: file.id, name: file.name, size: file.bytes.length };
    },
    streams,
    refuseStreams(error = 'streaming_not_allowed') {
      refuseStreams = error;
    },
    reset() {
      calls.length = 0;
      failures.clear();
      streams.clear();
      refuseStreams = null;
      threads.clear();
      sim.postDelayMs = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return sim;
}
