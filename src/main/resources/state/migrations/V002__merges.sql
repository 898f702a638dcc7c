-- One row per merge the gate tried on a pull request's head commit: merged, or refused by GitHub
-- (405/409: branch protection, a moved head, a conflict). A refused head is not tried again.
CREATE TABLE merges (
  pr_url TEXT NOT NULL,
  head_sha TEXT NOT NULL,
  version TEXT,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  message TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (pr_url, head_sha)
);
