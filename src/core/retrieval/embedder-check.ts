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

/** Embedders that made the stored chunks, most chunks first (from the small counts table, no scan). */
export async function storedEmbedders(app: Pick<AppContext, 'db'>): Promise<{ embedder: string; chunks: number }[]> {
  return app.db.query(`SELECT embedder, chunks FROM chunk_counts WHERE chunks > 0 ORDER BY chunks DESC, embedder`);
}

/** Throws EmbedderMismatchError when any stored chunk was embedded by another embedder. */
export async function assertEmbedderMatches(app: Pick<AppContext, 'db'>, embedder: Embedder): Promise<void> {
  const others = (await storedEmbedders(app)).filter((s) => s.embedder !== embedder.id).map((s) => s.embedder);
  if (others.length) throw new EmbedderMismatchError(others, embedder.id);
}
