import { openDb, type Db } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { readProgramme, type Programme } from './programme/model.ts';

/**
 * What every command and channel shares: configuration, logger, and the migrated database.
 * Core services are plain functions that take this context (or just its `db`).
 */
export interface AppContext {
  config: Config;
  log: Logger;
  db: Db;
  /** The programme as currently stored (null before any programme file was loaded). */
  programme(): Promise<Programme | null>;
  close(): Promise<void>;
}

export async function openApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<AppContext> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, serverIdleMs: config.dbIdleMs });
  try {
    const applied = await migrate(db);
    if (applied.length) log.debug({ applied, engine: db.engine }, 'migrations applied');
  } catch (err) {
    await db.close();
    throw err;
  }
  log.debug({ engine: db.engine, location: db.location }, 'database ready');
  return {
    config,
    log,
    db,
    programme: () => readProgramme(db),
    close: () => db.close(),
  };
}
