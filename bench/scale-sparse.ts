/**
 * The alternative lexical retrieval tried against the rarest-terms lists (issue #14): BM25 as a
 * pgvector `sparsevec` inner product with its own HNSW index. Each chunk's vector holds, per
 * lexeme of its tsvector, the BM25 term-frequency part tf·(k1+1) / (tf + k1·(1 - b + b·len/avglen));
 * the query's vector holds each of its lexemes' IDF (from lexeme_stats), so the inner product is
 * the chunk's BM25 score. Built after ingestion into side tables (one per configuration), in the
 * one SQL dialect of both engines; the build time stands in for what ingestion would pay.
 */
import type { AppContext } from '../src/app.ts';
import { COLUMN, CORPUS_CTE, type FtsConfig } from '../src/core/retrieval/lexical.ts';

const K1 = 1.2;
const B = 0.75;
/** sparsevec needs a declared width for an index: lexeme ids stay far below it. */
const DIM = 10_000_000;
/** pgvector indexes sparse vectors of at most 1,000 non-zero elements. */
const MAX_NNZ = 1000;

const terms = (c: FtsConfig) => `bench_sparse_terms_${c}`;
const vectors = (c: FtsConfig) => `bench_sparse_${c}`;

/** Builds the lexeme ids, the chunks' BM25 vectors and their HNSW index; returns seconds taken. */
export async function buildSparse(app: AppContext): Promise<number> {
  const t = process.hrtime.bigint();
  for (const config of ['italian', 'simple'] as const) {
    const col = COLUMN[config];
    await app.db.exec(`DROP TABLE IF EXISTS ${vectors(config)}; DROP TABLE IF EXISTS ${terms(config)};
      CREATE TABLE ${terms(config)} (id integer PRIMARY KEY, lexeme text NOT NULL UNIQUE);
      CREATE TABLE ${vectors(config)} (id bigint PRIMARY KEY, sv sparsevec(${DIM}) NOT NULL);`);
    await app.db.query(
      `INSERT INTO ${terms(config)} SELECT row_number() OVER (ORDER BY lexeme)::int, lexeme FROM lexeme_stats WHERE config = $1 AND chunks > 0`,
      [config],
    );
    await app.db.exec(`
      WITH tf AS (
        SELECT c.id, u.lexeme, coalesce(array_length(u.positions, 1), 1)::float8 AS tf FROM chunks c, unnest(c.${col}) u
      ), len AS (SELECT id, sum(tf) AS len FROM tf GROUP BY id),
      avg AS (SELECT greatest(avg(len), 1) AS avglen FROM len),
      w AS (
        SELECT tf.id, t.id AS term, tf.tf * ${K1 + 1} / (tf.tf + ${K1} * (1 - ${B} + ${B} * len.len / avg.avglen)) AS w,
          row_number() OVER (PARTITION BY tf.id ORDER BY tf.tf DESC, t.id) AS n
        FROM tf JOIN len ON len.id = tf.id CROSS JOIN avg JOIN ${terms(config)} t ON t.lexeme = tf.lexeme
      )
      INSERT INTO ${vectors(config)}
      SELECT id, ('{' || string_agg(term || ':' || round(w::numeric, 4), ',' ORDER BY term) || '}/${DIM}')::sparsevec
      FROM w WHERE n <= ${MAX_NNZ} GROUP BY id`);
    await app.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL maintenance_work_mem = '${app.db.engine === 'pglite' ? '256MB' : '1GB'}'`);
      await tx.exec(`CREATE INDEX ON ${vectors(config)} USING hnsw (sv sparsevec_ip_ops)`);
    });
    await app.db.exec(`ANALYZE ${vectors(config)}`);
  }
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** Candidates of one configuration: the chunks with the largest BM25 inner product ($1 query, $2 how many). */
export function sparseSql(config: FtsConfig): string {
  return `WITH ${CORPUS_CTE},
    q AS (
      SELECT ('{' || string_agg(t.id || ':' || round(ln(1 + (n.total - s.chunks + 0.5) / (s.chunks + 0.5))::numeric, 4), ',' ORDER BY t.id)
        || '}/${DIM}')::sparsevec AS v
      FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('${config}', $1))) AS lexeme) w
      JOIN lexeme_stats s ON s.config = '${config}' AND s.lexeme = w.lexeme AND s.chunks > 0
      JOIN ${terms(config)} t ON t.lexeme = w.lexeme CROSS JOIN corpus n
    )
    SELECT x.id FROM ${vectors(config)} x WHERE (SELECT v FROM q) IS NOT NULL
    ORDER BY x.sv <#> (SELECT v FROM q) LIMIT $2`;
}
