-- Term statistics for lexical retrieval, and chunk counts per embedder, kept current by triggers
-- on every write to chunks (ingestion, replacement, deletion, re-embedding), so a search reads a
-- few small rows instead of scanning the chunks.

-- In how many chunks each lexeme of each full-text configuration occurs (its document frequency).
CREATE TABLE lexeme_stats (
  config text NOT NULL,
  lexeme text NOT NULL,
  chunks integer NOT NULL,
  PRIMARY KEY (config, lexeme)
);

-- How many chunks each embedder made: the embedder check and the corpus size for IDF.
CREATE TABLE chunk_counts (
  embedder text PRIMARY KEY,
  chunks   integer NOT NULL
);

-- Adds (TG_ARGV[0] = '1') or removes ('-1') the rows of the transition table "changed".
-- Rows are upserted in key order, so concurrent ingestions lock them in the same order.
CREATE FUNCTION chunk_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := TG_ARGV[0]::integer;
BEGIN
  INSERT INTO lexeme_stats AS s (config, lexeme, chunks)
    SELECT config, lexeme, sign * count(*) FROM (
      SELECT 'italian' AS config, t.lexeme FROM changed c, unnest(c.tsv_it) t
      UNION ALL
      SELECT 'simple', t.lexeme FROM changed c, unnest(c.tsv_simple) t) l
    GROUP BY config, lexeme ORDER BY config, lexeme
    ON CONFLICT (config, lexeme) DO UPDATE SET chunks = s.chunks + EXCLUDED.chunks;
  INSERT INTO chunk_counts AS s (embedder, chunks)
    SELECT embedder, sign * count(*) FROM changed GROUP BY embedder ORDER BY embedder
    ON CONFLICT (embedder) DO UPDATE SET chunks = s.chunks + EXCLUDED.chunks;
  RETURN NULL;
END;
$$;

-- Re-embedding changes the embedder of a chunk; its text (and so its lexemes) stays.
CREATE FUNCTION chunk_stats_reembed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO chunk_counts AS s (embedder, chunks)
    SELECT embedder, sum(n)::integer FROM (
      SELECT embedder, -1 AS n FROM old_chunks UNION ALL SELECT embedder, 1 FROM new_chunks) e
    GROUP BY embedder ORDER BY embedder
    ON CONFLICT (embedder) DO UPDATE SET chunks = s.chunks + EXCLUDED.chunks;
  IF EXISTS (SELECT 1 FROM old_chunks o JOIN new_chunks n ON n.id = o.id
             WHERE o.tsv_it IS DISTINCT FROM n.tsv_it OR o.tsv_simple IS DISTINCT FROM n.tsv_simple) THEN
    RAISE EXCEPTION 'chunk text is not updated in place: delete and insert the chunk instead';
  END IF;
  RETURN NULL;
END;
$$;

-- TRUNCATE empties the counts with the chunks.
CREATE FUNCTION chunk_stats_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lexeme_stats;
  DELETE FROM chunk_counts;
  RETURN NULL;
END;
$$;

CREATE TRIGGER chunks_stats_truncate AFTER TRUNCATE ON chunks FOR EACH STATEMENT EXECUTE FUNCTION chunk_stats_clear();
CREATE TRIGGER chunks_stats_insert AFTER INSERT ON chunks
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION chunk_stats_apply('1');
CREATE TRIGGER chunks_stats_delete AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION chunk_stats_apply('-1');
CREATE TRIGGER chunks_stats_update AFTER UPDATE ON chunks
  REFERENCING OLD TABLE AS old_chunks NEW TABLE AS new_chunks FOR EACH STATEMENT EXECUTE FUNCTION chunk_stats_reembed();

-- Databases made before this migration: count what is there.
INSERT INTO lexeme_stats (config, lexeme, chunks)
  SELECT 'italian', t.lexeme, count(*) FROM chunks c, unnest(c.tsv_it) t GROUP BY t.lexeme;
INSERT INTO lexeme_stats (config, lexeme, chunks)
  SELECT 'simple', t.lexeme, count(*) FROM chunks c, unnest(c.tsv_simple) t GROUP BY t.lexeme;
INSERT INTO chunk_counts (embedder, chunks) SELECT embedder, count(*) FROM chunks GROUP BY embedder;
