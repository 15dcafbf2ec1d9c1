-- Compute backends (issue 16): where a sweep's trials run (resources.backend), what stops the sweep from getting
-- capacity (a quota or capacity error, shown on the sweep), the EC2 instances and Slurm jobs started for sweeps,
-- and agent keys that may serve one sweep only.
ALTER TABLE sweeps ADD COLUMN compute_backend TEXT NOT NULL DEFAULT 'agents';
ALTER TABLE sweeps ADD COLUMN compute_problem TEXT NULL;

ALTER TABLE api_keys ADD COLUMN sweep_id INTEGER NULL REFERENCES sweeps (id) ON DELETE CASCADE;
CREATE INDEX ix_api_keys_sweep_id ON api_keys (sweep_id);

-- One row per instance or job, kept after it ends: the cost of a sweep is the sum over its rows.
CREATE TABLE compute_instances (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    sweep_id      INTEGER NULL REFERENCES sweeps (id) ON DELETE SET NULL,
    backend       TEXT    NOT NULL,
    external_id   TEXT    NOT NULL,
    instance_type TEXT    NULL,
    spot          INTEGER NOT NULL,
    hourly_price  REAL    NULL,
    state         TEXT    NOT NULL,
    state_reason  TEXT    NULL,
    api_key_id    INTEGER NULL REFERENCES api_keys (id) ON DELETE SET NULL,
    agent_id      TEXT    NULL,
    launched_at   INTEGER NOT NULL,
    registered_at INTEGER NULL,
    ended_at      INTEGER NULL
);
CREATE INDEX ix_compute_instances_sweep_id ON compute_instances (sweep_id);
CREATE INDEX ix_compute_instances_state ON compute_instances (state);
CREATE INDEX ix_compute_instances_api_key_id ON compute_instances (api_key_id);
CREATE UNIQUE INDEX ix_compute_instances_backend_external_id ON compute_instances (backend, external_id);
