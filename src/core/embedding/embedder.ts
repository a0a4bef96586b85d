/**
 * Turns texts into vectors. Implementations: the offline default (no download, deterministic) and
 * any OpenAI-compatible endpoint. `id` names the model and its width; it is stored with every
 * chunk, so vectors from different embedders are never compared.
 */
export interface Embedder {
  readonly id: string;
  readonly dim: number;
  /** Embeds documents (chunks). */
  embedDocuments(texts: string[]): Promise<number[][]>;
  /** Embeds one query (some models treat queries differently). */
  embedQuery(text: string): Promise<number[]>;
}
