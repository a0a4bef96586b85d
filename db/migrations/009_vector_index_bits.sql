-- The vector index holds the embeddings' sign bits (binary_quantize, compared by Hamming
-- distance) instead of the vectors: at 100,000 chunks of 1,024 dimensions 42 MB instead of
-- 787 MB, so it stays in the page buffers; search ranks its candidates by exact cosine distance
-- (see db/vector-index.ts). Each float index of a width is replaced by the bit index of that
-- width, built the way db/maintenance.ts builds it on PostgreSQL (later builds use the engine's own).
DO $$
DECLARE
  r record;
  dim integer;
BEGIN
  FOR r IN SELECT indexname FROM pg_indexes
           WHERE tablename = 'chunks' AND schemaname = current_schema() AND indexname ~ '^chunks_embedding_hnsw_[0-9]+$'
  LOOP
    dim := substring(r.indexname FROM '([0-9]+)$')::integer;
    EXECUTE format('DROP INDEX %I', r.indexname);
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON chunks USING hnsw ((binary_quantize(embedding::vector(%s))::bit(%s)) bit_hamming_ops) '
      'WITH (m = 16, ef_construction = 32) WHERE vector_dims(embedding) = %s',
      'chunks_embedding_bits_' || dim, dim, dim, dim);
  END LOOP;
END $$;
