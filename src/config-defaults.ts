// Defaults of the settings that src/cli/prestart.ts reads before the configuration module loads.

/** Where the embedded database lives unless REGIA_DATA_DIR says. */
export const DEFAULT_DATA_DIR = './.regia';
/** How long the embedded database's server stays up without users unless REGIA_DB_IDLE_SECONDS says (see src/config.ts). */
export const DEFAULT_DB_IDLE_SECONDS = 0;
