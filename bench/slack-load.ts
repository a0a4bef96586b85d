// Load run of the Slack channel: N concurrent signed app_mentions into the real Bolt app on the
// shared HTTP server, against the Slack simulator. Every mention must be acknowledged within
// Slack's 3 s and answered in its thread. Run alone:
//   node bin/run-ts.js bench/slack-load.ts [N] [pglite|postgres]
// (PostgreSQL through BENCH_DATABASE_URL or TEST_DATABASE_URL, in a schema of its own.)
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { eventEnvelope, mentionEvent, newTs } from '../test/support/slack-harness.ts';
import { startServeProcess, type ServeProcess } from '../test/support/serve.ts';
import { startSlackSimulator } from '../test/support/slack-sim.ts';
import { signedSlackRequest } from '../test/support/slack-sign.ts';
import { throwawayDatabase } from './throwaway-db.ts';

export interface SlackLoadReport {
  engine: 'pglite' | 'postgres';
  mentions: number;
  acknowledged: number;
  ackedWithin3s: number;
  answered: number;
  ackMs: { p50: number; p95: number; max: number };
  answerMs: { p50: number; p95: number; max: number };
  wallMs: number;
  ok: boolean;
}

const QUESTIONS = [
  "what's the status of ZLS?",
  'chi coordina il cantiere 8?',
  'a che punto è la DMO?',
  'what is the Hub Dati?',
  'quali progetti ha il cantiere 4?',
  'what happened in the last meeting of cantiere 8?',
];

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}
const stats = (v: number[]) => ({ p50: percentile(v, 50), p95: percentile(v, 95), max: Math.round(Math.max(...v)) });

export async function runSlackLoad(opts: { mentions?: number; answerTimeoutMs?: number; engine?: 'pglite' | 'postgres'; env?: Record<string, string> } = {}): Promise<SlackLoadReport> {
  const n = opts.mentions ?? 50;
  const engine = opts.engine ?? 'pglite';
  const secret = 'bench-signing-secret';
  const db = await throwawayDatabase(engine, tmpdir());
  const sim = await startSlackSimulator();
  let service: ServeProcess | undefined;
  try {
    // Demo programme and corpus are loaded on first start, as on a fresh install.
    // Its own process, as deployed: the load generator must not share the server's event loop.
    service = await startServeProcess({ LOG_LEVEL: 'warn', ...db.env, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: sim.url, ...opts.env });
    const baseUrl = service.baseUrl;
    const started = performance.now();
    const sentAt = new Map<string, number>();
    const runs = Array.from({ length: n }, async (_, i) => {
      const ts = newTs();
      const body = eventEnvelope(mentionEvent({ channel: 'C0000000004', user: `U0LOAD${i}`, text: QUESTIONS[i % QUESTIONS.length], ts }));
      sentAt.set(ts, Date.now());
      const res = await signedSlackRequest(baseUrl, secret, body);
      return { status: res.status, ackMs: res.elapsedMs };
    });
    const results = await Promise.all(runs);
    // Answers are read off the simulator's record (each call is stamped on arrival), a few times a
    // second: one waiter per mention would cost this process more than the server it measures.
    const answeredAt = new Map<string, number>();
    const deadline = Date.now() + (opts.answerTimeoutMs ?? 180_000);
    let seen = 0;
    while (answeredAt.size < n && Date.now() < deadline) {
      for (; seen < sim.calls.length; seen++) {
        const c = sim.calls[seen];
        const ts = c.body.thread_ts;
        if (c.method === 'chat.postMessage' && sentAt.has(ts) && !answeredAt.has(ts)) answeredAt.set(ts, c.at);
      }
      if (answeredAt.size < n) await new Promise((r) => setTimeout(r, 250));
    }
    const wallMs = Math.round(performance.now() - started);
    const acks = results.filter((r) => r.status === 200).map((r) => r.ackMs);
    const answers = [...answeredAt].map(([ts, at]) => at - sentAt.get(ts)!);
    return {
      engine,
      mentions: n,
      acknowledged: acks.length,
      ackedWithin3s: acks.filter((ms) => ms < 3000).length,
      answered: answers.length,
      ackMs: stats(acks),
      answerMs: stats(answers),
      wallMs,
      ok: acks.length === n && acks.every((ms) => ms < 3000) && answers.length === n,
    };
  } finally {
    await service?.stop();
    await sim.close();
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 200);
  const report = await runSlackLoad({ mentions: n, engine: process.argv[3] === 'postgres' ? 'postgres' : 'pglite', env: process.env.REGIA_WORKER_CONCURRENCY ? { REGIA_WORKER_CONCURRENCY: process.env.REGIA_WORKER_CONCURRENCY } : {} });
  console.log(
    [
      `slack load (${report.engine}): ${report.mentions} concurrent signed mentions`,
      `  acknowledged ${report.acknowledged}/${report.mentions} (${report.ackedWithin3s} within 3 s): p50 ${report.ackMs.p50} ms, p95 ${report.ackMs.p95} ms, max ${report.ackMs.max} ms`,
      `  answered in thread ${report.answered}/${report.mentions}: p50 ${report.answerMs.p50} ms, p95 ${report.answerMs.p95} ms, max ${report.answerMs.max} ms`,
      `  wall ${report.wallMs} ms -> ${report.ok ? 'OK' : 'FAILED'}`,
    ].join('\n'),
  );
  process.exitCode = report.ok ? 0 : 1;
}
