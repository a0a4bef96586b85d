/**
 * Search latency at scale: fills the database with synthetic chunks (text sampled from the
 * corpus vocabulary, embedded with the configured embedder), builds the HNSW index, and times
 * hybrid search and vector k-NN alone.
 */
import type { AppContext } from '../src/app.ts';
import { toVectorSql } from '../db/client.ts';
import { cosineDistanceSql, dropVectorIndexes, ensureVectorIndex, vectorWidthSql } from '../db/vector-index.ts';
import { getEmbedder } from '../src/core/embedding/index.ts';
import { search } from '../src/core/retrieval/search.ts';
import { percentile } from './retrieval.ts';

export interface ScaleResult {
  chunks: number;
  synthetic: number;
  insertSeconds: number;
  indexSeconds: number;
  queries: number;
  p50: number;
  p95: number;
  vectorP50: number;
  vectorP95: number;
  usesIndex: boolean;
}

/** A deterministic pseudo-random generator, so every run builds the same synthetic corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function scaleSearch(app: AppContext, target: number, questions: string[], log: (m: string) => void): Promise<ScaleResult> {
  const embedder = getEmbedder(app);
  const [{ n: existing }] = await app.db.query(`SELECT count(*)::int AS n FROM chunks`);
  const vocabulary = (await app.db.query<{ text: string }>(`SELECT text FROM chunks`)).flatMap((r) => r.text.split(/\s+/).filter((w) => /\p{L}{3,}/u.test(w)));
  const random = rng(42);
  const synthetic = Math.max(0, target - existing);
  // Inserting under an HNSW index is slow: drop it, insert, then build it once (timed below).
  await dropVectorIndexes(app.db);
  const started = Date.now();
  const PER_DOC = 500;
  const BATCH = 250;
  for (let done = 0; done < synthetic; ) {
    const [{ id }] = await app.db.query(
      `INSERT INTO documents (source, title, kind, content_hash) VALUES ($1, $2, 'synthetic', $1) RETURNING id`,
      [`synthetic-${done}`, `Synthetic ${done}`],
    );
    for (let inDoc = 0; inDoc < PER_DOC && done < synthetic; ) {
      const size = Math.min(BATCH, PER_DOC - inDoc, synthetic - done);
      const texts = Array.from({ length: size }, () => {
        const len = 80 + Math.floor(random() * 120);
        return Array.from({ length: len }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
      });
      const vectors = await embedder.embedDocuments(texts);
      const params: unknown[] = [];
      const rows = texts.map((t, i) => {
        params.push(id, inDoc + i, t, toVectorSql(vectors[i]), embedder.id);
        const b = i * 5;
        return `($${b + 1}, $${b + 2}, 'synthetic', $${b + 3}, $${b + 4}::vector, $${b + 5})`;
      });
      await app.db.query(`INSERT INTO chunks (document_id, ord, title, text, embedding, embedder) VALUES ${rows.join(', ')}`, params);
      inDoc += size;
      done += size;
      if (done % 10_000 === 0) log(`  ${done}/${synthetic} synthetic chunks`);
    }
  }
  const insertSeconds = (Date.now() - started) / 1000;
  const t1 = Date.now();
  await app.db.transaction(async (tx) => {
    // The default 64 MB makes pgvector build a graph this size on disk, many times slower.
    await tx.exec(`SET LOCAL maintenance_work_mem = '1GB'`);
    await ensureVectorIndex(tx, embedder.dim);
  });
  await app.db.exec('ANALYZE chunks');
  const indexSeconds = (Date.now() - t1) / 1000;
  log(`  index built in ${indexSeconds.toFixed(1)} s`);

  const hybrid: number[] = [];
  const vector: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of questions) {
      let t = process.hrtime.bigint();
      await search(app, q, { k: 10 });
      hybrid.push(Number(process.hrtime.bigint() - t) / 1e6);
      const v = toVectorSql(await embedder.embedQuery(q));
      t = process.hrtime.bigint();
      await app.db.query(`SELECT id FROM chunks WHERE ${vectorWidthSql(embedder.dim)} ORDER BY ${cosineDistanceSql(embedder.dim, '$1')} LIMIT 10`, [v]);
      vector.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const plan = await app.db.query(`EXPLAIN SELECT id FROM chunks WHERE ${vectorWidthSql(embedder.dim)} ORDER BY ${cosineDistanceSql(embedder.dim, '$1')} LIMIT 10`, [toVectorSql(await embedder.embedQuery(questions[0]))]);
  const usesIndex = plan.some((r) => String(Object.values(r)[0]).includes(`chunks_embedding_hnsw_${embedder.dim}`));
  return {
    chunks: existing + synthetic,
    synthetic,
    insertSeconds,
    indexSeconds,
    queries: hybrid.length,
    p50: percentile(hybrid, 50),
    p95: percentile(hybrid, 95),
    vectorP50: percentile(vector, 50),
    vectorP95: percentile(vector, 95),
    usesIndex,
  };
}
