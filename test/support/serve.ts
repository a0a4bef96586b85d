import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REGIA_BIN, ROOT } from './cli.ts';

/** A free TCP port on loopback (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ServeProcess {
  child: ChildProcess;
  baseUrl: string;
  /** What the service wrote on stderr so far (its logs). */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

/**
 * Starts the real `regia serve` as its own process with exactly `env` (plus PATH and HOME) and a
 * free PORT, and waits until /healthz answers.
 */
export async function startServeProcess(env: Record<string, string>, { timeoutMs = 120_000 } = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [REGIA_BIN, 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const service: ServeProcess = {
    child,
    baseUrl,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`regia serve exited early (${child.exitCode}):\n${stderr}`);
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) return service;
    if (Date.now() > deadline) {
      await service.stop();
      throw new Error(`regia serve did not become healthy:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
