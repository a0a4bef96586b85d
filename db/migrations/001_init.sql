-- Regia schema, version 1. One dialect for PostgreSQL 15+ and PGlite (PostgreSQL 18).
CREATE EXTENSION IF NOT EXISTS vector;

-- Key/value settings the service needs to remember (e.g. which embedder made the stored vectors).
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programmes (
  id               text PRIMARY KEY,
  name             text NOT NULL,
  timezone         text NOT NULL,
  language         text NOT NULL,
  digest_cron      text NOT NULL,
  stale_after_days integer NOT NULL,
  config           jsonb NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cantieri (
  id            text PRIMARY KEY,
  programme_id  text NOT NULL REFERENCES programmes(id),
  number        text NOT NULL,
  name          text NOT NULL,
  team_leader   text,
  slack_channel text,
  teams_channel text,
  position      integer NOT NULL DEFAULT 0,
  archived      boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
  id          text PRIMARY KEY,
  cantiere_id text NOT NULL REFERENCES cantieri(id),
  name        text NOT NULL,
  aliases     text[] NOT NULL DEFAULT '{}',
  description text,
  metadata    jsonb NOT NULL DEFAULT '{}',
  position    integer NOT NULL DEFAULT 0,
  archived    boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_cantiere ON projects (cantiere_id);

-- People known on a platform (slack, teams, console, or 'programme' for names from the file).
CREATE TABLE people (
  platform     text NOT NULL,
  user_id      text NOT NULL,
  display_name text NOT NULL,
  role         text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'team_leader', 'member')),
  cantiere_id  text REFERENCES cantieri(id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, user_id)
);

CREATE TABLE documents (
  id            bigserial PRIMARY KEY,
  source        text NOT NULL UNIQUE,
  title         text NOT NULL,
  kind          text NOT NULL,
  language      text,
  published_on  date,
  content_hash  text NOT NULL,
  size_bytes    integer NOT NULL DEFAULT 0,
  cantieri      text[] NOT NULL DEFAULT '{}',
  projects      text[] NOT NULL DEFAULT '{}',
  metadata      jsonb NOT NULL DEFAULT '{}',
  ingested_at   timestamptz NOT NULL DEFAULT now()
);

-- Chunks carry their own title and section so retrieval and citation need no join.
-- The embedding has no fixed width: the HNSW index is built per embedder width
-- (an expression index on embedding::vector(N)), see db/vector-index.ts.
CREATE TABLE chunks (
  id           bigserial PRIMARY KEY,
  document_id  bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord          integer NOT NULL,
  title        text NOT NULL DEFAULT '',
  section      text NOT NULL DEFAULT '',
  text         text NOT NULL,
  tsv_it       tsvector GENERATED ALWAYS AS (
                 to_tsvector('italian', coalesce(title, '') || ' ' || coalesce(section, '') || ' ' || text)) STORED,
  tsv_simple   tsvector GENERATED ALWAYS AS (
                 to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(section, '') || ' ' || text)) STORED,
  embedding    vector,
  embedder     text NOT NULL,
  UNIQUE (document_id, ord)
);
CREATE INDEX chunks_tsv_it ON chunks USING gin (tsv_it);
CREATE INDEX chunks_tsv_simple ON chunks USING gin (tsv_simple);

-- Progress updates are append-only: an edit inserts a new row whose `supersedes` names the old one.
CREATE TABLE updates (
  id              bigserial PRIMARY KEY,
  project_id      text NOT NULL REFERENCES projects(id),
  cantiere_id     text NOT NULL REFERENCES cantieri(id),
  supersedes      bigint UNIQUE REFERENCES updates(id),
  author_platform text NOT NULL,
  author_id       text NOT NULL,
  author_name     text NOT NULL,
  status          text NOT NULL CHECK (status IN ('not_started', 'on_track', 'at_risk', 'blocked', 'done')),
  progress        integer CHECK (progress BETWEEN 0 AND 100),
  summary         text NOT NULL,
  next_steps      text,
  blockers        text,
  due_date        date,
  source          text NOT NULL CHECK (source IN ('form', 'message', 'import')),
  source_ref      text,
  source_text     text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX updates_project_time ON updates (project_id, created_at DESC);
CREATE INDEX updates_cantiere_time ON updates (cantiere_id, created_at DESC);

CREATE FUNCTION updates_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'progress updates are append-only: insert a revision instead of % on update %', TG_OP, OLD.id;
END;
$$;
CREATE TRIGGER updates_append_only BEFORE UPDATE OR DELETE ON updates
  FOR EACH ROW EXECUTE FUNCTION updates_are_append_only();

-- A dialog or form in progress, so a restart or another replica can continue it.
CREATE TABLE conversations (
  platform        text NOT NULL,
  conversation_id text NOT NULL,
  user_id         text NOT NULL,
  kind            text NOT NULL,
  state           jsonb NOT NULL DEFAULT '{}',
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, conversation_id, user_id)
);

-- Where the bot can post proactively (Teams conversation references, Slack channels), and
-- which cantiere a conversation is linked to.
CREATE TABLE conversation_refs (
  platform        text NOT NULL,
  conversation_id text NOT NULL,
  reference       jsonb NOT NULL,
  cantiere_id     text REFERENCES cantieri(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, conversation_id)
);

CREATE TABLE answers (
  id              bigserial PRIMARY KEY,
  platform        text NOT NULL,
  conversation_id text,
  thread_ref      text,
  user_id         text,
  question        text NOT NULL,
  answer          text NOT NULL,
  abstained       boolean NOT NULL,
  intent          text NOT NULL,
  language        text NOT NULL,
  citations       jsonb NOT NULL DEFAULT '[]',
  latency_ms      integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answers_thread ON answers (platform, thread_ref, created_at);

CREATE TABLE feedback (
  answer_id  bigint NOT NULL REFERENCES answers(id),
  platform   text NOT NULL,
  user_id    text NOT NULL,
  value      smallint NOT NULL CHECK (value IN (-1, 1)),
  comment    text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, platform, user_id)
);

-- The single place where duplicate deliveries (Slack retries, Teams redeliveries) die.
CREATE TABLE processed_events (
  platform    text NOT NULL,
  event_id    text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, event_id)
);

-- The single place where "exactly once per cantiere per week per platform" is decided.
CREATE TABLE digests (
  cantiere_id text NOT NULL REFERENCES cantieri(id),
  iso_week    text NOT NULL,
  platform    text NOT NULL,
  state       text NOT NULL CHECK (state IN ('claimed', 'posted', 'failed')),
  claimed_by  text NOT NULL,
  claimed_at  timestamptz NOT NULL DEFAULT now(),
  attempts    integer NOT NULL DEFAULT 0,
  posted_at   timestamptz,
  message_ref text,
  last_error  text,
  content     jsonb,
  PRIMARY KEY (cantiere_id, iso_week, platform)
);
