import type { AppContext } from '../../app.ts';
import type { Embedder } from '../embedding/embedder.ts';

/** The stored vectors were made by another embedder than the configured one: they cannot be compared. */
export class EmbedderMismatchError extends Error {
  constructor(
    readonly stored: string[],
    readonly configured: string,
  ) {
    super(
      `the stored document vectors were made by ${stored.join(', ')}, but Regia is configured with ${configured}: ` +
        `run 'regia reindex' to re-embed the documents with the configured embedder ` +
        `(i vettori salvati sono stati creati da un altro modello: eseguire 'regia reindex')`,
    );
    this.name = 'EmbedderMismatchError';
  }
}

const checked = new WeakMap<object, { id: string; at: number }>();
const RECHECK_MS = 30_000;

/** Embedders that made the stored chunks, most chunks first. */
export async function storedEmbedders(app: Pick<AppContext, 'db'>): Promise<{ embedder: string; chunks: number }[]> {
  return app.db.query(`SELECT embedder, count(*)::int AS chunks FROM chunks GROUP BY embedder ORDER BY 2 DESC`);
}

/** Throws EmbedderMismatchError when any stored chunk was embedded by another embedder. */
export async function assertEmbedderMatches(app: Pick<AppContext, 'db'>, embedder: Embedder): Promise<void> {
  const seen = checked.get(app);
  if (seen && seen.id === embedder.id && Date.now() - seen.at < RECHECK_MS) return;
  const stored = await storedEmbedders(app);
  const others = stored.filter((s) => s.embedder !== embedder.id).map((s) => s.embedder);
  if (others.length) throw new EmbedderMismatchError(others, embedder.id);
  checked.set(app, { id: embedder.id, at: Date.now() });
}

export function forgetEmbedderCheck(app: object): void {
  checked.delete(app);
}
