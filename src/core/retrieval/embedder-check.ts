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

/**
 * A scalar SQL expression: the embedders other than the one in parameter `param` that made stored
 * chunks (an array, NULL when there are none). A query can carry the check itself, so that a
 * search costs one round trip to the database instead of two.
 */
export function otherEmbeddersSql(param: string): string {
  return `(SELECT array_agg(embedder ORDER BY chunks DESC, embedder) FROM chunk_counts WHERE chunks > 0 AND embedder <> ${param})`;
}

/** Throws EmbedderMismatchError when `others` (from `otherEmbeddersSql`) names any embedder. */
export function assertNoOtherEmbedders(others: string[] | null | undefined, embedder: Embedder): void {
  if (others?.length) throw new EmbedderMismatchError(others, embedder.id);
}

/** Throws EmbedderMismatchError when any stored chunk was embedded by another embedder. */
export async function assertEmbedderMatches(app: Pick<AppContext, 'db'>, embedder: Embedder): Promise<void> {
  const [row] = await app.db.query<{ others: string[] | null }>(`SELECT ${otherEmbeddersSql('$1')} AS others`, [embedder.id]);
  assertNoOtherEmbedders(row?.others, embedder);
}
