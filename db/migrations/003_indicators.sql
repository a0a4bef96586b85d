-- Indicators with targets (from the programme file) and their measured values (append-only).

CREATE TABLE indicators (
  id             text PRIMARY KEY,
  programme_id   text NOT NULL REFERENCES programmes(id),
  cantiere_id    text NOT NULL REFERENCES cantieri(id),
  project_id     text REFERENCES projects(id),
  name_it        text NOT NULL,
  name_en        text NOT NULL,
  unit_it        text NOT NULL DEFAULT '',
  unit_en        text NOT NULL DEFAULT '',
  direction      text NOT NULL CHECK (direction IN ('higher', 'lower')),
  baseline_value double precision NOT NULL,
  baseline_date  date NOT NULL,
  -- [{ "value": 115, "by": "2027-12-31" }, ...] in date order
  targets        jsonb NOT NULL,
  source         text,
  reported_by    text,
  aliases        text[] NOT NULL DEFAULT '{}',
  position       integer NOT NULL DEFAULT 0,
  archived       boolean NOT NULL DEFAULT false,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicators_cantiere ON indicators (cantiere_id);

-- A measured value, logged like a progress update: never changed, never deleted; a correction is
-- a new row whose `supersedes` names the old one.
CREATE TABLE indicator_values (
  id              bigserial PRIMARY KEY,
  indicator_id    text NOT NULL REFERENCES indicators(id),
  value           double precision NOT NULL,
  measured_on     date NOT NULL,
  supersedes      bigint UNIQUE REFERENCES indicator_values(id),
  author_platform text NOT NULL,
  author_id       text NOT NULL,
  author_name     text NOT NULL,
  -- where the figure comes from (a survey, a registry, an open-data set)
  data_source     text,
  note            text,
  origin          text NOT NULL CHECK (origin IN ('form', 'message', 'import')),
  source_ref      text,
  source_text     text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_values_time ON indicator_values (indicator_id, measured_on DESC, id DESC);

CREATE FUNCTION indicator_values_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'indicator values are append-only: insert a correction instead of % on value %', TG_OP, OLD.id;
END;
$$;
CREATE TRIGGER indicator_values_append_only BEFORE UPDATE OR DELETE ON indicator_values
  FOR EACH ROW EXECUTE FUNCTION indicator_values_are_append_only();
