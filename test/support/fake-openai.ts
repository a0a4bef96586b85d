import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server (real HTTP on 127.0.0.1) for the real `openai` client:
 * `/v1/chat/completions` and `/v1/embeddings`, answered by the test's handlers.
 *
 * A handler returns the plain result (chat: the message content; embeddings: the vectors) or a
 * `FakeReply` to control status, raw body and delay. Missing handlers answer 404.
 */
export interface FakeReply {
  status?: number;
  /** Raw JSON body; for chat, `content` builds a normal completion instead. */
  body?: unknown;
  content?: string;
  vectors?: number[][];
  /** Wait this long before answering (to test timeouts). */
  delayMs?: number;
  /**
   * For a request with `stream: true`: the content's pieces, sent as server-sent events
   * (`chat.completion.chunk` deltas, then `[DONE]`). Default: the content cut every 12 characters.
   */
  chunks?: string[];
  /** Wait this long between streamed pieces. */
  chunkDelayMs?: number;
  /** Answer a `stream: true` request with a plain completion, like servers that ignore `stream`. */
  ignoreStream?: boolean;
}

export interface FakeOpenAIHandlers {
  chat?: (body: any, req: RecordedRequest) => string | FakeReply | Promise<string | FakeReply>;
  embeddings?: (body: any, req: RecordedRequest) => number[][] | FakeReply | Promise<number[][] | FakeReply>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface FakeOpenAI {
  /** Base URL for OPENAI_BASE_URL / `baseURL` (ends with /v1). */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function chatCompletion(content: string, model = 'fake-model'): unknown {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

export function embeddingList(vectors: number[][], model = 'fake-embedding'): unknown {
  return {
    object: 'list',
    model,
    data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    usage: { prompt_tokens: 1, total_tokens: 1 },
  };
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The content as OpenAI streams it: one `chat.completion.chunk` event per piece, then `[DONE]`. */
async function sendStream(res: ServerResponse, pieces: string[], model: string, delayMs: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const created = Math.floor(Date.now() / 1000);
  const event = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(event({ role: 'assistant', content: '' }, null));
  for (const piece of pieces) {
    if (delayMs) await new Promise<void>((resolve) => { const t = setTimeout(() => (timers.delete(t), resolve()), delayMs); timers.add(t); });
    if (res.destroyed) return;
    res.write(event({ content: piece }, null));
  }
  res.write(event({}, 'stop'));
  res.end('data: [DONE]\n\n');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeOpenAI(handlers: FakeOpenAIHandlers = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    const recorded: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body };
    requests.push(recorded);
    try {
      let reply: FakeReply;
      if (path.endsWith('/chat/completions') && handlers.chat) {
        const r = await handlers.chat(body, recorded);
        reply = typeof r === 'string' ? { content: r } : r;
        if (body?.stream === true && reply.content !== undefined && reply.body === undefined && !reply.ignoreStream && !reply.status) {
          const content = reply.content;
          const pieces = reply.chunks ?? Array.from({ length: Math.ceil(content.length / 12) }, (_, i) => content.slice(i * 12, i * 12 + 12));
          const go = () => void sendStream(res, pieces, body?.model ?? 'fake-model', reply.chunkDelayMs ?? 0, timers);
          if (reply.delayMs) {
            const t = setTimeout(() => (timers.delete(t), go()), reply.delayMs);
            timers.add(t);
          } else go();
          return;
        }
        if (reply.content !== undefined && reply.body === undefined) reply.body = chatCompletion(reply.content, body?.model);
      } else if (path.endsWith('/embeddings') && handlers.embeddings) {
        const r = await handlers.embeddings(body, recorded);
        reply = Array.isArray(r) ? { vectors: r } : r;
        if (reply.vectors && reply.body === undefined) reply.body = embeddingList(reply.vectors, body?.model);
      } else {
        send(res, 404, { error: { message: `no handler for ${req.method} ${path}`, type: 'invalid_request_error' } });
        return;
      }
      const respond = () => send(res, reply.status ?? 200, reply.body ?? {});
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          respond();
        }, reply.delayMs);
        timers.add(t);
      } else respond();
    } catch (err) {
      send(res, 500, { error: { message: (err as Error).message, type: 'server_error' } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
