-- Access, version 5: users with passwords, project roles, scoped keys with a public id, expiry and last use, the
-- one-time setup secrets of first start, and the audit log.
-- Passwords are ASP.NET Core PasswordHasher<T> hashes (PBKDF2, salted); NULL means the user cannot sign in yet.
ALTER TABLE users ADD COLUMN password_hash TEXT NULL;

-- A user's role in one project: owner, editor or viewer. Admins (users.is_admin) need no row.
CREATE TABLE project_members (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id)
) WITHOUT ROWID;
CREATE INDEX ix_project_members_user_id ON project_members (user_id);

-- Keys are 'ehk_<public_id>_<secret>' (run tokens 'ehr_...'): the row is found by its public id and the hash covers
-- the secret alone. Keys stored before this version have no public id; they are refused with a message that says
-- how to get a new one (scope stays their role: admin, owner, editor, viewer, agent or run).
ALTER TABLE api_keys ADD COLUMN public_id TEXT NULL;
ALTER TABLE api_keys ADD COLUMN project_id INTEGER NULL REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER NULL;
CREATE UNIQUE INDEX ix_api_keys_public_id ON api_keys (public_id);
CREATE INDEX ix_api_keys_project_id ON api_keys (project_id);

-- The secret of the link that creates the first admin: SHA-256 of 256 random bits, single use, expiring.
CREATE TABLE setup_tokens (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    hash       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NULL
);
CREATE UNIQUE INDEX ix_setup_tokens_hash ON setup_tokens (hash);

-- Who did what: launched, stopped, created and revoked sweeps, runs, keys, users and members. Texts rather than
-- foreign keys, so that the record outlives what it names.
CREATE TABLE audit_events (
    id      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT    NOT NULL,
    project TEXT    NULL,
    detail  TEXT    NULL
);
CREATE INDEX ix_audit_events_at ON audit_events (at);
