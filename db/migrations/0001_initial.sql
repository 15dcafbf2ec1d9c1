-- ExperimentHub schema, version 1. Applied once, in a transaction, by SchemaMigrator; never edit a released
-- migration: add 0002_*.sql instead. Times are INTEGER Unix milliseconds (UTC); statuses are snake_case text.
-- Ids are AUTOINCREMENT so that a deleted run's id (and its token) is never reused.

CREATE TABLE users (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    is_admin    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_users_name ON users (name);

CREATE TABLE projects (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    key         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT    NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_projects_key ON projects (key);

CREATE TABLE sweeps (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    spec_text     TEXT    NOT NULL,
    spec_format   TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    status_reason TEXT    NULL,
    seed          INTEGER NULL,
    trial_budget  INTEGER NOT NULL,
    parallel      INTEGER NOT NULL,
    extra_trials  INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    started_at    INTEGER NULL,
    ended_at      INTEGER NULL
);
CREATE INDEX ix_sweeps_project_id ON sweeps (project_id);
CREATE INDEX ix_sweeps_status ON sweeps (status);

CREATE TABLE runs (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    sweep_id         INTEGER NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    trial_number     INTEGER NULL,
    name             TEXT    NULL,
    status           TEXT    NOT NULL,
    params_json      TEXT    NOT NULL,
    summary_json     TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER NULL,
    ended_at         INTEGER NULL,
    attempt          INTEGER NOT NULL,
    lease_agent_id   TEXT    NULL,
    lease_expires_at INTEGER NULL,
    exit_code        INTEGER NULL,
    log_tail         TEXT    NULL,
    error            TEXT    NULL,
    gpu_indices      TEXT    NULL
);
CREATE INDEX ix_runs_sweep_id_status ON runs (sweep_id, status);
CREATE UNIQUE INDEX ix_runs_sweep_id_trial_number ON runs (sweep_id, trial_number);
CREATE INDEX ix_runs_status_lease_expires_at ON runs (status, lease_expires_at);
CREATE INDEX ix_runs_project_id_id ON runs (project_id, id);

CREATE TABLE api_keys (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NULL REFERENCES users (id) ON DELETE CASCADE,
    run_id      INTEGER NULL REFERENCES runs (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    prefix      TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL
);
CREATE UNIQUE INDEX ix_api_keys_hash ON api_keys (hash);
CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);
CREATE INDEX ix_api_keys_run_id ON api_keys (run_id);

-- Clustered on (run, key, step): the idempotency rule and the order a series is read in.
-- value NULL means NaN (SQLite turns NaN into NULL); +-Infinity are stored as REAL infinities.
CREATE TABLE metric_points (
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    step       INTEGER NOT NULL,
    value      REAL    NULL,
    timestamp  INTEGER NOT NULL,
    PRIMARY KEY (run_id, key, step)
) WITHOUT ROWID;

CREATE TABLE metric_summaries (
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    last_step   INTEGER NOT NULL,
    last_value  REAL    NULL,
    min_value   REAL    NULL,
    max_value   REAL    NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

CREATE TABLE artifacts (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    path         TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    content_type TEXT    NOT NULL,
    sha256       TEXT    NULL,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_artifacts_run_id_path ON artifacts (run_id, path);

CREATE TABLE agents (
    id                TEXT    NOT NULL PRIMARY KEY,
    name              TEXT    NOT NULL,
    host              TEXT    NOT NULL,
    gpus_json         TEXT    NOT NULL,
    cpu_count         INTEGER NOT NULL,
    memory_bytes      INTEGER NOT NULL,
    slots             INTEGER NOT NULL,
    version           TEXT    NULL,
    connected_at      INTEGER NULL,
    last_heartbeat_at INTEGER NULL,
    status            TEXT    NOT NULL
);
