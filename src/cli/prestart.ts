import { config as loadDotenv } from 'dotenv';
import { startEmbeddedServer } from '../../db/embedded-server.ts';
import { DEFAULT_DATA_DIR, DEFAULT_DB_IDLE_SECONDS } from '../config-defaults.ts';

/** Commands that run until stopped: the database server they start will serve many requests. */
const LONG_LIVED = new Set(['serve', 'start', 'chat', 'board']);

/**
 * Starts the embedded database's server, when one is needed and not running, before the command's
 * modules load: PGlite takes a while to open, and they overlap. It reads the three settings it
 * needs itself rather than through src/config.ts, whose validation (zod) and the database client
 * (pg) took about 0.5 s to load on a loaded machine before the server could start. A value the
 * configuration would reject starts nothing here: the command reports it.
 */
export function prestartDatabase(argv: string[]): void {
  if (!argv.length || argv.some((a) => a === '-h' || a === '--help' || a === 'help' || a === '-V' || a === '--version')) return;
  try {
    loadDotenv({ quiet: true });
    const env = (name: string) => process.env[name]?.trim() || undefined;
    if (env('DATABASE_URL')) return;
    const idle = process.env.REGIA_DB_IDLE_SECONDS; // read as the configuration reads it (z.coerce.number)
    const idleSeconds = idle === undefined ? DEFAULT_DB_IDLE_SECONDS : Number(idle);
    if (!Number.isInteger(idleSeconds) || idleSeconds < 0) return;
    startEmbeddedServer(env('REGIA_DATA_DIR') ?? DEFAULT_DATA_DIR, idleSeconds * 1000, idleSeconds > 0 || LONG_LIVED.has(argv[0]));
  } catch {
    /* the command reports what went wrong */
  }
}
