import type { AppContext } from '../../app.ts';
import type { Embedder } from './embedder.ts';
import { OfflineEmbedder } from './offline.ts';
import { OpenAIEmbedder } from './openai.ts';

export type { Embedder } from './embedder.ts';
export { OfflineEmbedder } from './offline.ts';
export { OpenAIEmbedder, EmbeddingError } from './openai.ts';

const cache = new WeakMap<AppContext, Embedder>();

/**
 * The embedder this app is configured for: an OpenAI-compatible endpoint when EMBEDDING_MODEL is
 * set, else the offline default. One instance per app. Note: for an OpenAI model of unknown width,
 * `id`/`dim` are final after the first embedding call.
 */
export function getEmbedder(app: Pick<AppContext, 'config'> & object): Embedder {
  const key = app as AppContext;
  const existing = cache.get(key);
  if (existing) return existing;
  const o = app.config.openai;
  const embedder: Embedder = o?.embeddingModel
    ? new OpenAIEmbedder({ baseURL: o.baseURL, apiKey: o.apiKey, model: o.embeddingModel, timeoutMs: o.timeoutMs })
    : new OfflineEmbedder();
  cache.set(key, embedder);
  return embedder;
}
