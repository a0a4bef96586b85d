import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServeProcess, type ServeProcess } from '../../support/serve.ts';
import { eventEnvelope, mentionEvent, newTs } from '../../support/slack-harness.ts';
import { startSlackSimulator, type SlackSimulator } from '../../support/slack-sim.ts';
import { signedSlackRequest } from '../../support/slack-sign.ts';

const SECRET = 'e2e-signing-secret';

let sim: SlackSimulator;
let service: ServeProcess;
let dataDir: string;

beforeAll(async () => {
  sim = await startSlackSimulator();
  dataDir = mkdtempSync(join(tmpdir(), 'regia-serve-'));
  // Only what the issue allows: the three Slack variables, a port and a data directory.
  service = await startServeProcess({
    SLACK_BOT_TOKEN: 'xoxb-e2e-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: sim.url,
    REGIA_DATA_DIR: dataDir,
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('regia serve with only the Slack variables answers a signed mention in its thread, then stops on SIGTERM', async () => {
  const health = await (await fetch(`${service.baseUrl}/healthz`)).json();
  expect(health).toMatchObject({ ok: true, engine: 'pglite' });
  expect(health.channels).toContain('slack');

  const ts = newTs();
  const res = await signedSlackRequest(service.baseUrl, SECRET, eventEnvelope(mentionEvent({ channel: 'C0000000004', user: 'U0E2EUSER', text: "what's the status of ZLS?", ts })));
  expect(res.status).toBe(200);
  expect(res.elapsedMs).toBeLessThan(3000);
  const reply = await sim.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts, 20_000);
  expect(reply.body.channel).toBe('C0000000004');
  expect(reply.token).toBe('xoxb-e2e-token');
  expect(JSON.stringify(reply.body.blocks)).toMatch(/ZLS|Zona Logistica/);

  const exited = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));
  service.child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 60_000);
