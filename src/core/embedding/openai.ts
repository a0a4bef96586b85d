import type OpenAI from 'openai';
import { openaiClient } from '../openai.ts';
import type { Embedder } from './embedder.ts';

/** Widths of well-known models, so `id` and `dim` are known before the first call. */
const KNOWN_WIDTHS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
  'nomic-embed-text': 768,
  'mxbai-embed-large': 1024,
  'bge-m3': 1024,
  'all-minilm': 384,
};

export interface OpenAIEmbedderOptions {
  baseURL?: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  batchSize?: number;
  maxRetries?: number;
}

export class EmbeddingError extends Error {}

/**
 * Any OpenAI-compatible embeddings endpoint (OpenAI, Azure OpenAI, Ollama, vLLM). For a model of
 * unknown width, `dim` and `id` are settled by the first response: read them after embedding.
 */
export class OpenAIEmbedder implements Embedder {
  private readonly client: OpenAI;
  private width: number;
  private readonly batchSize: number;

  constructor(private readonly opts: OpenAIEmbedderOptions) {
    this.client = openaiClient(opts, { maxRetries: opts.maxRetries ?? 2 });
    this.width = KNOWN_WIDTHS[opts.model.replace(/:.*$/, '')] ?? 0;
    this.batchSize = opts.batchSize ?? 64;
  }

  get dim(): number {
    return this.width;
  }

  get id(): string {
    return `openai:${this.opts.model}@${this.width || '?'}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.call(texts.slice(i, i + this.batchSize))));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.call([text]);
    return v;
  }

  private async call(input: string[]): Promise<number[][]> {
    if (input.length === 0) return [];
    let res: Awaited<ReturnType<OpenAI['embeddings']['create']>>;
    try {
      // 'float': the default asks for base64, which some compatible servers ignore (garbage silently).
      res = await this.client.embeddings.create({ model: this.opts.model, input, encoding_format: 'float' });
    } catch (err) {
      throw new EmbeddingError(`embedding endpoint ${this.opts.baseURL ?? 'api.openai.com'} failed for model ${this.opts.model}: ${(err as Error).message}`);
    }
    const data = [...res.data].sort((a, b) => a.index - b.index);
    if (data.length !== input.length) {
      throw new EmbeddingError(`embedding endpoint returned ${data.length} vectors for ${input.length} texts`);
    }
    const vectors = data.map((d) => d.embedding as number[]);
    for (const v of vectors) {
      if (!Array.isArray(v) || v.length === 0 || typeof v[0] !== 'number') {
        throw new EmbeddingError('embedding endpoint returned something other than float vectors');
      }
      if (this.width === 0) this.width = v.length;
      else if (v.length !== this.width) {
        throw new EmbeddingError(`embedding endpoint returned width ${v.length}, expected ${this.width} for model ${this.opts.model}`);
      }
    }
    return vectors;
  }
}
