import type { Embedder } from '../src/core/embedding/embedder.ts';
import { embeddingInput } from '../src/core/embedding/input.ts';
import type { ChunkDraft } from './types.ts';
import type { EmbeddedChunk } from './store.ts';

const BATCH = 64;

export async function embedChunks(embedder: Embedder, chunks: ChunkDraft[]): Promise<EmbeddedChunk[]> {
  const out: EmbeddedChunk[] = [];
  for (let i = 0; i < chunks.length; i += BATCH) {
    const batch = chunks.slice(i, i + BATCH);
    const vectors = await embedder.embedDocuments(batch.map(embeddingInput));
    if (vectors.length !== batch.length) throw new Error(`the embedder returned ${vectors.length} vectors for ${batch.length} texts`);
    batch.forEach((c, j) => {
      out.push({ ...c, embedding: vectors[j] });
    });
  }
  return out;
}
