-- Notifications: the project's default notify list (as written in the dashboard, the format of a spec's notify
-- field), and one row per message owed to a target, so that each event reaches each target once and a target that
-- keeps failing shows as failed on the sweep page.
ALTER TABLE projects ADD COLUMN notify_text TEXT NULL;

CREATE TABLE notification_deliveries (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    sweep_id     INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    event        TEXT    NOT NULL,
    event_key    TEXT    NOT NULL,
    run_id       INTEGER NULL,
    text         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    attempts     INTEGER NOT NULL,
    last_error   TEXT    NULL,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER NULL
);
CREATE UNIQUE INDEX ix_notification_deliveries_once ON notification_deliveries (sweep_id, channel, target, event_key);
