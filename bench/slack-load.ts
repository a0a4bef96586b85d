// Load run of the Slack channel: N concurrent signed app_mentions into the real Bolt app on the
// shared HTTP server, against the Slack simulator. Every mention must be acknowledged within
// Slack's 3 s and answered in its thread. Run alone: node bin/run-ts.js bench/slack-load.ts [N]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eventEnvelope, mentionEvent, newTs } from '../test/support/slack-harness.ts';
import { startSlackSimulator } from '../test/support/slack-sim.ts';
import { signedSlackRequest } from '../test/support/slack-sign.ts';

export interface SlackLoadReport {
  mentions: number;
  acknowledged: number;
  ackedWithin3s: number;
  answered: number;
  ackMs: { p50: number; p95: number; max: number };
  answerMs: { p50: number; p95: number; max: number };
  wallMs: number;
  ok: boolean;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts `regia serve` as its own process (as deployed: Slack's requests come from outside, so
 * the load generator must not share the server's event loop), on a fresh demo database.
 */
async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'regia.js'), 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`regia serve exited (${child.exitCode}): ${stderr}`);
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) return { child, baseUrl };
    if (Date.now() > deadline) throw new Error(`regia serve did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runSlackLoad(opts: { mentions?: number; answerTimeoutMs?: number } = {}): Promise<SlackLoadReport> {
  const n = opts.mentions ?? 50;
  const secret = 'bench-signing-secret';
  const dataDir = mkdtempSync(join(tmpdir(), 'regia-bench-slack-'));
  const sim = await startSlackSimulator();
  let service: { child: ChildProcess; baseUrl: string } | undefined;
  try {
    // Demo programme and corpus are loaded on first start, as on a fresh install.
    service = await startService({ REGIA_DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: sim.url });
    const baseUrl = service.baseUrl;
    const started = performance.now();
    const runs = Array.from({ length: n }, async (_, i) => {
      const ts = newTs();
      const body = eventEnvelope(mentionEvent({ channel: 'C0000000004', user: `U0LOAD${i}`, text: QUESTIONS[i % QUESTIONS.length], ts }));
      const sent = performance.now();
      const answered = sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, opts.answerTimeoutMs ?? 60_000).then(
        () => performance.now() - sent,
        () => null,
      );
      const res = await signedSlackRequest(baseUrl, secret, body);
      return { status: res.status, ackMs: res.elapsedMs, answerMs: await answered };
    });
    const results = await Promise.all(runs);
    const wallMs = Math.round(performance.now() - started);
    const acks = results.filter((r) => r.status === 200).map((r) => r.ackMs);
    const answers = results.map((r) => r.answerMs).filter((v): v is number => v !== null);
    return {
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
    if (service && service.child.exitCode === null) {
      const exited = new Promise((resolve) => service!.child.once('exit', resolve));
      service.child.kill('SIGTERM');
      await exited;
    }
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 50);
  const report = await runSlackLoad({ mentions: n });
  console.log(
    [
      `slack load: ${report.mentions} concurrent signed mentions`,
      `  acknowledged ${report.acknowledged}/${report.mentions} (${report.ackedWithin3s} within 3 s): p50 ${report.ackMs.p50} ms, p95 ${report.ackMs.p95} ms, max ${report.ackMs.max} ms`,
      `  answered in thread ${report.answered}/${report.mentions}: p50 ${report.answerMs.p50} ms, p95 ${report.answerMs.p95} ms, max ${report.answerMs.max} ms`,
      `  wall ${report.wallMs} ms -> ${report.ok ? 'OK' : 'FAILED'}`,
    ].join('\n'),
  );
  process.exitCode = report.ok ? 0 : 1;
}
