import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REGIA_BIN, ROOT } from '../../support/cli.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../support/db.ts';
import { messageActivity, postActivity, startFakeConnector, type FakeConnector } from '../../support/teams-connector.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`regia serve exited with ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`regia serve did not become healthy: ${output()}`);
}

for (const engine of testEngines()) {
  describe(`regia serve with no Teams configuration [${engine}]`, () => {
    let connector: FakeConnector;
    let db: TestDatabase;
    let child: ChildProcess;
    let base: string;
    let stderr = '';

    beforeAll(async () => {
      connector = await startFakeConnector();
      db = await createTestDatabase(engine);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) {
        // A clean environment: no Slack, Teams or OpenAI configuration leaks in from the machine.
        if (v !== undefined && !/^(SLACK_|Microsoft|OPENAI_|LLM_|EMBEDDING_)/.test(k)) env[k] = v;
      }
      child = spawn(process.execPath, [REGIA_BIN, 'serve'], {
        cwd: ROOT,
        env: { ...env, ...db.env, PORT: String(port), LOG_LEVEL: 'info', REGIA_DEMO: 'auto' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', () => {});
      child.stderr!.on('data', (d) => (stderr += d));
      await waitForHealth(base, child, () => stderr);
    }, 120_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await connector?.close();
      await db?.destroy();
    }, 30_000);

    test('warns that /api/messages is open, and answers "chi coordina il cantiere 8?" naming the team leader', async () => {
      expect(stderr).toMatch(/MicrosoftAppId is not set/);
      const res = await postActivity(base, messageActivity('chi coordina il cantiere 8?', { serviceUrl: connector.serviceUrl }));
      expect(res.status).toBe(200);
      const [reply] = await connector.waitFor(1, (a) => a.activity.type === 'message');
      expect(reply.conversationId).toBe('a:personal-chat-1');
      expect(JSON.stringify(reply.activity)).toContain('Nicolò Dossena');
    }, 60_000);
  });
}
