import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/cli.ts';

const RUN_TS = join(ROOT, 'bin', 'run-ts.js');
const ENTRY = join(ROOT, 'test', 'jobs', 'serve-entry.ts');

/** A cron pattern (with seconds) that fires once, at `at`, read in the programme's time zone. */
export function cronAt(at: Date, tz = 'Europe/Rome'): string {
  const p: Record<string, number> = {};
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
  for (const part of fmt.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return `${p.second} ${p.minute} ${p.hour} ${p.day} ${p.month} *`;
}

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  /** SIGTERM and wait (a clean stop). */
  stop(): Promise<void>;
  /** SIGKILL: the process dies wherever it is, like a crashed replica. */
  kill(): void;
}

/** A Regia service (channels + digest job) in its own process, as a replica would run. */
export function startService(env: Record<string, string>, timeoutMs = 90_000): Promise<ServiceProcess> {
  return new Promise((resolve, reject) => {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/^(SLACK_|Microsoft|OPENAI_|LLM_|EMBEDDING_|REGIA_DIGEST_)/.test(k)) clean[k] = v;
    }
    const child = spawn(process.execPath, [RUN_TS, ENTRY], {
      cwd: ROOT,
      env: { ...clean, LOG_LEVEL: 'info', REGIA_DEMO: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start: ${err}`));
    }, timeoutMs);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line && timer) {
        clearTimeout(timer);
        resolve({
          child,
          port: JSON.parse(line).port,
          output: () => err,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
          kill() {
            child.kill('SIGKILL');
          },
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}: ${err}`));
    });
  });
}
