-- Jobs of one conversation run one at a time, in order ("salva" typed twice must not save twice;
-- a follow-up must see the answer before it). A job waits while an earlier job of its group is
-- still open, whichever replica holds it.
ALTER TABLE jobs ADD COLUMN group_key text;
CREATE INDEX jobs_open_group ON jobs (group_key, id) WHERE state IN ('queued', 'running');
