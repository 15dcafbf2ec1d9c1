-- Dispatch, version 2: what the dispatcher needs to lease by GPU count, tell script failures (which use up retries)
-- from lost agents (which requeue), and count consecutive failures from the last resume.
ALTER TABLE runs ADD COLUMN gpus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sweeps ADD COLUMN resumed_at INTEGER NULL;
