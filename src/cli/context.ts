import { openApp, type AppContext } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { DatabaseError } from '../../db/client.ts';
import { ProgrammeFileError } from '../programme/load.ts';

/** An error whose message is meant for the person at the terminal, as it is. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Opens the app for one command, runs it and closes it. Conversational commands pass
 * `quietLogs` so JSON log lines do not interleave with the chat unless LOG_LEVEL asks for them.
 */
export async function withApp<T>(fn: (app: AppContext) => Promise<T>, opts: { quietLogs?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const level = opts.quietLogs && !process.env.LOG_LEVEL ? 'warn' : config.logLevel;
  const app = await openApp(config, createLogger(level));
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export function reportError(err: unknown): number {
  if (err instanceof ConfigError) {
    console.error(`regia: configuration error: ${err.message}`);
    return 2;
  }
  if (err instanceof UserError) {
    console.error(`regia: ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof DatabaseError || err instanceof ProgrammeFileError) {
    console.error(`regia: ${err.message}`);
    return 1;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT' && e.path) {
    console.error(`regia: no such file or folder: ${e.path}`);
    return 1;
  }
  console.error(`regia: unexpected error: ${e?.stack ?? e}`);
  return 1;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
