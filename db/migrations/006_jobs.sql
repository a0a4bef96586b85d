-- The durable work queue: what has been acknowledged to a platform and still has to be done
-- (answers to mentions and DMs, documents shared in chat). A job is written in the same statement
-- that claims its event in processed_events, so an acknowledged event is never lost and a
-- redelivered one never queued twice. Workers (any number of `regia serve` replicas) take jobs
-- with FOR UPDATE SKIP LOCKED and hold them with a lease they renew; a lease that runs out (the
-- worker died) lets another worker take the job again.
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  -- The processed_events claim the job was queued with (null for work queued without one).
  event_key    text,
  state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts     int NOT NULL DEFAULT 0,
  run_after    timestamptz NOT NULL DEFAULT now(),
  lease_owner  text,
  lease_until  timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX jobs_open ON jobs (id) WHERE state IN ('queued', 'running');

-- What a job has already done, step by step (its reply, the messages it posted): a job taken
-- again after a crash skips the steps recorded here instead of doing them twice.
CREATE TABLE job_steps (
  job_id      bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  step        text NOT NULL,
  result      jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, step)
);
