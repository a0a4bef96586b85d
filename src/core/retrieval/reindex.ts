import type { AppContext } from '../../app.ts';
import { toVectorSql } from '../../../db/client.ts';
import { dropVectorIndexes } from '../../../db/vector-index.ts';
import { buildVectorIndex, mergePendingTextEntries } from '../../../db/maintenance.ts';
import { embeddingInput } from '../embedding/input.ts';
import { getEmbedder } from '../embedding/index.ts';

const BATCH = 64;

export interface ReindexSummary {
  chunks: number;
  embedder: string;
  dim: number;
}

/**
 * Re-embeds every chunk with the configured embedder (the same input ingestion embeds) and
 * rebuilds the vector index for its width. Index first dropped: inserting under HNSW is slow.
 * Interrupted half-way, search keeps reporting the mismatch until it is run again.
 */
export async function reindex(app: AppContext, opts: { onProgress?(done: number, total: number): void } = {}): Promise<ReindexSummary> {
  const embedder = getEmbedder(app);
  const [{ total }] = await app.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM chunks`);
  await dropVectorIndexes(app.db);
  let done = 0;
  let lastId = 0;
  for (;;) {
    const rows = await app.db.query<{ id: number; title: string; section: string; text: string }>(
      `SELECT id, title, section, text FROM chunks WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [lastId],
    );
    if (!rows.length) break;
    const vectors = await embedder.embedDocuments(rows.map(embeddingInput));
    await app.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i++) {
        await tx.query(`UPDATE chunks SET embedding = $1::vector, embedder = $2 WHERE id = $3`, [toVectorSql(vectors[i]), embedder.id, rows[i].id]);
      }
    });
    lastId = rows[rows.length - 1].id;
    done += rows.length;
    opts.onProgress?.(done, total);
  }
  if (done > 0) {
    // Updated rows are new index entries: merged now, not read through by every search.
    await mergePendingTextEntries(app.db);
    await buildVectorIndex(app.db, embedder.dim);
  }
  await app.db.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ('embedder', $1, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [{ id: embedder.id, dim: embedder.dim }],
  );
  return { chunks: done, embedder: embedder.id, dim: embedder.dim };
}
