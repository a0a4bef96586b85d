import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseError, type Db } from './client.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

const PGVECTOR_HELP =
  'PostgreSQL has no "vector" extension: install pgvector for your server ' +
  '(Debian/Ubuntu: apt-get install postgresql-<major>-pgvector, or run scripts/setup-postgres.sh ' +
  'which builds it from Debian\'s source package; see https://github.com/pgvector/pgvector#installation), ' +
  'then run the command again';

/** Applies pending migrations, each in its own transaction (checked again in it); applying twice is a no-op. */
export async function migrate(db: Db): Promise<string[]> {
  if (db.engine === 'postgres') {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'vector'`);
    if (!row || row.n === 0) throw new DatabaseError(PGVECTOR_HELP);
  }
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  // Read once which are in: a command on an up-to-date database opens no transaction here.
  const present = new Set((await db.query<{ version: string }>(`SELECT version FROM schema_migrations`)).map((r) => r.version));
  const applied: string[] = [];
  for (const m of listMigrations()) {
    if (present.has(m.version)) continue;
    const done = await db.transaction(async (tx) => {
      // Replicas starting together on PostgreSQL take turns; PGlite has one connection anyway.
      if (db.engine === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(724810)`);
      const rows = await tx.query(`SELECT 1 FROM schema_migrations WHERE version = $1`, [m.version]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query(`INSERT INTO schema_migrations (version) VALUES ($1)`, [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
