import { startEmbeddedServer } from '../../db/client.ts';
import { loadConfig } from '../config.ts';

/**
 * Starts the embedded database's server, when one is needed and not running, before the command's
 * modules load: PGlite takes seconds to open, and they overlap. Errors are left to the command.
 */
export function prestartDatabase(argv: string[]): void {
  if (!argv.length || argv.some((a) => a === '-h' || a === '--help' || a === 'help' || a === '-V' || a === '--version')) return;
  try {
    const config = loadConfig();
    if (!config.databaseUrl) startEmbeddedServer(config.dataDir, config.dbIdleMs);
  } catch {
    /* a configuration error: the command reports it */
  }
}
