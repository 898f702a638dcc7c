-- What became of each event: 'sent', 'sent in digest <day>', or 'failed: <reason>' (retried by the
-- next run). Rows never hold a secret: reasons are scrubbed before they are stored.
ALTER TABLE notifications ADD COLUMN outcome TEXT NOT NULL DEFAULT 'sent';

-- notify_mode = digest: events wait here, one row each, until a run on a later day sends them.
CREATE TABLE notification_queue (
  event_key TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  event_json TEXT NOT NULL,
  queued_at TEXT NOT NULL
);
