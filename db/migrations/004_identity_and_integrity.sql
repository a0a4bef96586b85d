-- Identity: an account gets a programme role only through what the platform vouches for.
-- `email` is the programme person's address (from the programme file), matched against the email a
-- platform returns for an account; `linked_to` names the programme person ('programme' row) an
-- account was linked to (by email or by an admin), so role changes in the file reach the account.
ALTER TABLE people ADD COLUMN email text;
ALTER TABLE people ADD COLUMN linked_to text;
ALTER TABLE people ADD COLUMN linked_by text;
CREATE INDEX people_email ON people (lower(email)) WHERE platform = 'programme';

-- Progress updates are append-only, also against TRUNCATE (a statement-level operation that the
-- row triggers of 001 do not see).
CREATE FUNCTION updates_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'progress updates are append-only: TRUNCATE is refused';
END $$;
CREATE TRIGGER updates_no_truncate BEFORE TRUNCATE ON updates
  FOR EACH STATEMENT EXECUTE FUNCTION updates_refuse_truncate();
