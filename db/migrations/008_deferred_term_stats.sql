-- Term statistics counted once per ingestion instead of once per statement. Upserting the
-- lexemes of every 500-row INSERT cost more than the insert itself (each statement rewrites the
-- rows of the thousands of common lexemes it shares with the others); counting all the chunks of
-- an ingestion in one aggregate costs about a quarter of that. An ingestion sets
-- regia.defer_term_stats in its write transactions: the insert trigger then only lists the new
-- chunks here, in the same transaction as the chunks, and the ingestion counts the listed chunks
-- at its end (chunk_stats_count_pending). If it stops before, the next one counts them.

CREATE TABLE chunk_stats_pending (chunk_id bigint PRIMARY KEY);

-- Adds (TG_ARGV[0] = '1') or removes ('-1') the rows of the transition table "changed".
-- Rows are upserted in key order, so concurrent ingestions lock them in the same order.
-- A removed chunk still listed as pending was never counted: it leaves the list instead.
CREATE OR REPLACE FUNCTION chunk_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := TG_ARGV[0]::integer;
BEGIN
  INSERT INTO chunk_counts AS s (embedder, chunks)
    SELECT embedder, sign * count(*) FROM changed GROUP BY embedder ORDER BY embedder
    ON CONFLICT (embedder) DO UPDATE SET chunks = s.chunks + EXCLUDED.chunks;
  IF sign = 1 AND current_setting('regia.defer_term_stats', true) = 'on' THEN
    INSERT INTO chunk_stats_pending (chunk_id) SELECT id FROM changed;
    RETURN NULL;
  END IF;
  WITH unlisted AS (
    DELETE FROM chunk_stats_pending p USING changed c WHERE sign = -1 AND p.chunk_id = c.id RETURNING p.chunk_id)
  INSERT INTO lexeme_stats AS s (config, lexeme, chunks)
    SELECT config, lexeme, sign * count(*) FROM (
      SELECT 'italian' AS config, t.lexeme FROM changed c, unnest(tsvector_to_array(c.tsv_it)) t(lexeme)
        WHERE c.id NOT IN (SELECT chunk_id FROM unlisted)
      UNION ALL
      SELECT 'simple', t.lexeme FROM changed c, unnest(tsvector_to_array(c.tsv_simple)) t(lexeme)
        WHERE c.id NOT IN (SELECT chunk_id FROM unlisted)) l
    GROUP BY config, lexeme ORDER BY config, lexeme
    ON CONFLICT (config, lexeme) DO UPDATE SET chunks = s.chunks + EXCLUDED.chunks;
  RETURN NULL;
END;
$$;

-- Counts the terms of the listed chunks and empties the list; returns how many chunks it counted.
-- A chunk listed by a transaction still open is left for that one to count.
CREATE FUNCTION chunk_stats_count_pending() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  WITH done AS (DELETE FROM chunk_stats_pending RETURNING chunk_id),
  counted AS (
    INSERT INTO lexeme_stats AS s (config, lexeme, chunks)
      SELECT config, lexeme, count(*) FROM (
        SELECT 'italian' AS config, t.lexeme FROM done d JOIN chunks c ON c.id = d.chunk_id, unnest(tsvector_to_array(c.tsv_it)) t(lexeme)
        UNION ALL
        SELECT 'simple', t.lexeme FROM done d JOIN chunks c ON c.id = d.chunk_id, unnest(tsvector_to_array(c.tsv_simple)) t(lexeme)) l
      GROUP BY config, lexeme ORDER BY config, lexeme
      ON CONFLICT (config, lexeme) DO UPDATE SET chunks = s.chunks + EXCLUDED.chunks)
  SELECT count(*) INTO n FROM done;
  RETURN n;
END;
$$;

-- TRUNCATE empties the list with the counts.
CREATE OR REPLACE FUNCTION chunk_stats_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lexeme_stats;
  DELETE FROM chunk_counts;
  DELETE FROM chunk_stats_pending;
  RETURN NULL;
END;
$$;
