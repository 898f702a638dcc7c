-- Every version any source reported; first_seen_at - published_at is the detection latency.
CREATE TABLE IF NOT EXISTS versions_seen (
  version TEXT NOT NULL,
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  published_at TEXT,
  first_seen_at TEXT NOT NULL,
  url TEXT,
  PRIMARY KEY (version, source)
);

-- Conditional-request validators per URL, with the last good body so a 304 can be answered locally.
CREATE TABLE IF NOT EXISTS http_validators (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  body TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS impact_reports (
  version TEXT PRIMARY KEY,
  recommendation TEXT,
  report_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- One row per target version the run loop handled; status is the last completed step.
CREATE TABLE IF NOT EXISTS updates (
  version TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  branch TEXT,
  commit_sha TEXT,
  pr_url TEXT,
  tests TEXT,
  message TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS notifications (
  event_key TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  sent_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS agent_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  exit_code INTEGER,
  summary TEXT
);
