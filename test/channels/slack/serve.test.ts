import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REGIA_BIN, ROOT } from '../../support/cli.ts';
import { eventEnvelope, mentionEvent, newTs } from '../../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../../support/slack-sim.ts';
import { signedSlackRequest } from '../../support/slack-sign.ts';

const SECRET = 'e2e-signing-secret';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let sim: SlackSimulator;
let child: ChildProcess;
let dataDir: string;
let baseUrl: string;
let stderr = '';

beforeAll(async () => {
  sim = await startSlackSimulator();
  dataDir = mkdtempSync(join(tmpdir(), 'regia-serve-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Only what the issue allows: the three Slack variables, a port and a data directory.
  child = spawn(process.execPath, [REGIA_BIN, 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: sim.url,
      PORT: String(port),
      REGIA_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`regia serve exited early (${child.exitCode}):\n${stderr}`);
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`regia serve did not become healthy:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
  }
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('regia serve with only the Slack variables answers a signed mention in its thread, then stops on SIGTERM', async () => {
  const health = await (await fetch(`${baseUrl}/healthz`)).json();
  expect(health).toMatchObject({ ok: true, engine: 'pglite' });
  expect(health.channels).toContain('slack');

  const ts = newTs();
  const res = await signedSlackRequest(baseUrl, SECRET, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: 'U0E2EUSER', text: "what's the status of ZLS?", ts })));
  expect(res.status).toBe(200);
  expect(res.elapsedMs).toBeLessThan(3000);
  const reply = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 20_000);
  expect(reply.body.channel).toBe('C0000000004');
  expect(reply.token).toBe('xoxb-e2e-token');
  expect(JSON.stringify(reply.body.blocks)).toMatch(/ZLS|Zona Logistica/);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 60_000);
