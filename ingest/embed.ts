import type { Embedder } from '../src/core/embedding/embedder.ts';
import type { ChunkDraft } from './types.ts';
import type { EmbeddedChunk } from './store.ts';

/**
 * What is embedded for a chunk: its text in the context of its document title and section path, so
 * a passage about "the cantiere" still lands near questions naming the programme or the section.
 * `regia reindex` must embed the same input.
 */
export function embeddingInput(chunk: Pick<ChunkDraft, 'title' | 'section' | 'text'>): string {
  return [chunk.title, chunk.section, chunk.text].filter((s) => s && s.trim()).join('\n');
}

const BATCH = 64;

export async function embedChunks(embedder: Embedder, chunks: ChunkDraft[]): Promise<EmbeddedChunk[]> {
  const out: EmbeddedChunk[] = [];
  for (let i = 0; i < chunks.length; i += BATCH) {
    const batch = chunks.slice(i, i + BATCH);
    const vectors = await embedder.embedDocuments(batch.map(embeddingInput));
    if (vectors.length !== batch.length) throw new Error(`the embedder returned ${vectors.length} vectors for ${batch.length} texts`);
    batch.forEach((c, j) => out.push({ ...c, embedding: vectors[j] }));
  }
  return out;
}
