-- What each dispatch of the coding agent ended in, and the agent's JSON output (size-capped).
-- outcome stays NULL while the agent runs: a row left so was cut short (a crash or a kill).
ALTER TABLE agent_runs ADD COLUMN outcome TEXT;
ALTER TABLE agent_runs ADD COLUMN transcript TEXT;
ALTER TABLE agent_runs ADD COLUMN message TEXT;
ALTER TABLE agent_runs ADD COLUMN commit_sha TEXT;
