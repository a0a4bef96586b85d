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
 * A `.catch` handler for errors that come from what the person typed (a bad value, an index built
 * by another embedder): they become a UserError, shown as they are; anything else stays a crash.
 */
export function userErrorsOf(...kinds: (abstract new (...args: never[]) => Error)[]): (err: unknown) => never {
  return (err) => {
    if (kinds.some((k) => err instanceof k)) throw new UserError((err as Error).message);
    throw err;
  };
}

/** A command's action run with the app open: `.action(appAction(async (app, ...args) => ...))`. */
export function appAction<A extends unknown[]>(fn: (app: AppContext, ...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return (...args) => withApp((app) => fn(app, ...args));
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
