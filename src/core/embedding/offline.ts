import type { Embedder } from './embedder.ts';
import { contentWords, foldWord, stem } from './analyze.ts';

/**
 * The offline default: a deterministic feature-hashing embedder. No download, no network, the same
 * vector for the same text on every machine. Features: stems of content words (the meaning),
 * stem bigrams (phrases such as "zona logistica"), and character 4-grams of folded words (so
 * related forms and Italian/English cognates like "logistica"/"logistics" still overlap).
 * Term frequency is sublinear, each feature group is weighted, and the vector is L2-normalised,
 * so cosine similarity is a dot product.
 */
export const OFFLINE_EMBEDDER_VERSION = 'offline-ngram-v1';
export const OFFLINE_DIM = 1024;

// Character n-grams are many per word: their low weight keeps them from outweighing the words.
const WEIGHT_UNIGRAM = 1.0;
const WEIGHT_BIGRAM = 0.6;
const WEIGHT_CHARGRAM = 0.35;

/** FNV-1a 32-bit with a seed; deterministic across platforms. */
function hash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function featureCounts(text: string): Map<string, { count: number; weight: number }> {
  const feats = new Map<string, { count: number; weight: number }>();
  const add = (key: string, weight: number) => {
    const f = feats.get(key);
    if (f) f.count++;
    else feats.set(key, { count: 1, weight });
  };
  const ws = contentWords(text);
  const ss = ws.map(stem);
  for (let i = 0; i < ss.length; i++) {
    add(`w:${ss[i]}`, WEIGHT_UNIGRAM);
    if (i + 1 < ss.length) add(`b:${ss[i]}_${ss[i + 1]}`, WEIGHT_BIGRAM);
    const f = foldWord(ws[i]);
    if (f.length >= 4 && !/\d/.test(f)) {
      const padded = `<${f}>`;
      for (let j = 0; j + 4 <= padded.length; j++) add(`c:${padded.slice(j, j + 4)}`, WEIGHT_CHARGRAM);
    }
  }
  return feats;
}

export function embedOffline(text: string, dim = OFFLINE_DIM): number[] {
  const v = new Float64Array(dim);
  const feats = featureCounts(text);
  for (const [key, { count, weight }] of feats) {
    const tf = 1 + Math.log(count);
    const h = hash(key, 0);
    const sign = hash(key, 0x9e3779b9) & 1 ? 1 : -1;
    v[h % dim] += sign * weight * tf;
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  const out = new Array<number>(dim);
  // Six decimals are plenty for cosine similarity and keep the stored text form short.
  for (let i = 0; i < dim; i++) out[i] = norm > 0 ? Math.round((v[i] / norm) * 1e6) / 1e6 : 0;
  return out;
}

export class OfflineEmbedder implements Embedder {
  readonly id: string;
  constructor(readonly dim = OFFLINE_DIM) {
    this.id = `${OFFLINE_EMBEDDER_VERSION}@${dim}`;
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => embedOffline(t, this.dim));
  }
  async embedQuery(text: string): Promise<number[]> {
    return embedOffline(text, this.dim);
  }
}
