-- Who added, replaced or removed a document, and from where (a chat share, the CLI). Rows outlive
-- the documents they name: removing a document keeps its history here.
CREATE TABLE document_audit (
  id             bigserial PRIMARY KEY,
  document_id    bigint,
  source         text NOT NULL,
  title          text NOT NULL,
  content_hash   text,
  action         text NOT NULL CHECK (action IN ('added', 'replaced', 'removed')),
  actor_platform text NOT NULL,
  actor_id       text NOT NULL,
  actor_name     text NOT NULL,
  origin         jsonb NOT NULL DEFAULT '{}',
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_audit_source ON document_audit (source, at);
