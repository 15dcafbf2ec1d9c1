CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "agents" (
    "id" TEXT NOT NULL CONSTRAINT "PK_agents" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "gpus_json" TEXT NOT NULL,
    "cpu_count" INTEGER NOT NULL,
    "memory_bytes" INTEGER NOT NULL,
    "slots" INTEGER NOT NULL,
    "version" TEXT NULL,
    "connected_at" INTEGER NULL,
    "last_heartbeat_at" INTEGER NULL,
    "status" TEXT NOT NULL
);

CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_events" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "project" TEXT NULL,
    "detail" TEXT NULL
);

CREATE TABLE "projects" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_projects" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "notify_text" TEXT NULL
);

CREATE TABLE "setup_tokens" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_setup_tokens" PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "used_at" INTEGER NULL
);

CREATE TABLE "users" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_users" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "is_admin" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "sweeps" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sweeps" PRIMARY KEY AUTOINCREMENT,
    "project_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "spec_text" TEXT NOT NULL,
    "spec_format" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "status_reason" TEXT NULL,
    "setup_log" TEXT NULL,
    "seed" INTEGER NULL,
    "trial_budget" INTEGER NOT NULL,
    "parallel" INTEGER NOT NULL,
    "extra_trials" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "started_at" INTEGER NULL,
    "ended_at" INTEGER NULL,
    "resumed_at" INTEGER NULL,
    "warm_start_design_json" TEXT NULL,
    "warm_start_note" TEXT NULL,
    "compute_backend" TEXT NOT NULL,
    "compute_problem" TEXT NULL,
    CONSTRAINT "FK_sweeps_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE
);

CREATE TABLE "project_members" (
    "project_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "PK_project_members" PRIMARY KEY ("project_id", "user_id"),
    CONSTRAINT "FK_project_members_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_project_members_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "notification_deliveries" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notification_deliveries" PRIMARY KEY AUTOINCREMENT,
    "sweep_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "run_id" INTEGER NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "finished_at" INTEGER NULL,
    CONSTRAINT "FK_notification_deliveries_sweeps_sweep_id" FOREIGN KEY ("sweep_id") REFERENCES "sweeps" ("id") ON DELETE CASCADE
);

CREATE TABLE "runs" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_runs" PRIMARY KEY AUTOINCREMENT,
    "project_id" INTEGER NOT NULL,
    "sweep_id" INTEGER NULL,
    "trial_number" INTEGER NULL,
    "name" TEXT NULL,
    "status" TEXT NOT NULL,
    "params_json" TEXT NOT NULL,
    "summary_json" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "started_at" INTEGER NULL,
    "ended_at" INTEGER NULL,
    "attempt" INTEGER NOT NULL,
    "lease_agent_id" TEXT NULL,
    "lease_expires_at" INTEGER NULL,
    "exit_code" INTEGER NULL,
    "log_tail" TEXT NULL,
    "error" TEXT NULL,
    "gpu_indices" TEXT NULL,
    "gpus" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "code_version" TEXT NULL,
    "dataset" TEXT NULL,
    "warm_start_sweep_id" INTEGER NULL,
    "warm_start_run_id" INTEGER NULL,
    CONSTRAINT "FK_runs_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_runs_sweeps_sweep_id" FOREIGN KEY ("sweep_id") REFERENCES "sweeps" ("id") ON DELETE CASCADE
);

CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_api_keys" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NULL,
    "run_id" INTEGER NULL,
    "public_id" TEXT NULL,
    "project_id" INTEGER NULL,
    "sweep_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "revoked_at" INTEGER NULL,
    "expires_at" INTEGER NULL,
    "last_used_at" INTEGER NULL,
    CONSTRAINT "FK_api_keys_projects_project_id" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_api_keys_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_api_keys_sweeps_sweep_id" FOREIGN KEY ("sweep_id") REFERENCES "sweeps" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_api_keys_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "artifacts" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_artifacts" PRIMARY KEY AUTOINCREMENT,
    "run_id" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content_type" TEXT NOT NULL,
    "sha256" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_artifacts_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
);

CREATE TABLE "metric_blocks" (
    "run_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "block" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "min_step" INTEGER NULL,
    "min_value" REAL NULL,
    "min_timestamp" INTEGER NULL,
    "max_step" INTEGER NULL,
    "max_value" REAL NULL,
    "max_timestamp" INTEGER NULL,
    "nan_step" INTEGER NULL,
    "nan_timestamp" INTEGER NULL,
    CONSTRAINT "PK_metric_blocks" PRIMARY KEY ("run_id", "key", "block"),
    CONSTRAINT "FK_metric_blocks_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
);

CREATE TABLE "metric_points" (
    "run_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" REAL NULL,
    "timestamp" INTEGER NOT NULL,
    CONSTRAINT "PK_metric_points" PRIMARY KEY ("run_id", "key", "step"),
    CONSTRAINT "FK_metric_points_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
);

CREATE TABLE "metric_summaries" (
    "run_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_step" INTEGER NOT NULL,
    "last_value" REAL NULL,
    "min_value" REAL NULL,
    "max_value" REAL NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "PK_metric_summaries" PRIMARY KEY ("run_id", "key"),
    CONSTRAINT "FK_metric_summaries_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE
);

CREATE TABLE "compute_instances" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_compute_instances" PRIMARY KEY AUTOINCREMENT,
    "sweep_id" INTEGER NULL,
    "backend" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "instance_type" TEXT NULL,
    "spot" INTEGER NOT NULL,
    "hourly_price" REAL NULL,
    "state" TEXT NOT NULL,
    "state_reason" TEXT NULL,
    "api_key_id" INTEGER NULL,
    "agent_id" TEXT NULL,
    "launched_at" INTEGER NOT NULL,
    "registered_at" INTEGER NULL,
    "ended_at" INTEGER NULL,
    CONSTRAINT "FK_compute_instances_api_keys_api_key_id" FOREIGN KEY ("api_key_id") REFERENCES "api_keys" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_compute_instances_sweeps_sweep_id" FOREIGN KEY ("sweep_id") REFERENCES "sweeps" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "IX_api_keys_hash" ON "api_keys" ("hash");

CREATE INDEX "IX_api_keys_project_id" ON "api_keys" ("project_id");

CREATE UNIQUE INDEX "IX_api_keys_public_id" ON "api_keys" ("public_id");

CREATE INDEX "IX_api_keys_run_id" ON "api_keys" ("run_id");

CREATE INDEX "IX_api_keys_sweep_id" ON "api_keys" ("sweep_id");

CREATE INDEX "IX_api_keys_user_id" ON "api_keys" ("user_id");

CREATE UNIQUE INDEX "IX_artifacts_run_id_path" ON "artifacts" ("run_id", "path");

CREATE INDEX "IX_audit_events_at" ON "audit_events" ("at");

CREATE INDEX "IX_compute_instances_api_key_id" ON "compute_instances" ("api_key_id");

CREATE UNIQUE INDEX "IX_compute_instances_backend_external_id" ON "compute_instances" ("backend", "external_id");

CREATE INDEX "IX_compute_instances_state" ON "compute_instances" ("state");

CREATE INDEX "IX_compute_instances_sweep_id" ON "compute_instances" ("sweep_id");

CREATE UNIQUE INDEX "ix_notification_deliveries_once" ON "notification_deliveries" ("sweep_id", "channel", "target", "event_key");

CREATE INDEX "IX_project_members_user_id" ON "project_members" ("user_id");

CREATE UNIQUE INDEX "IX_projects_key" ON "projects" ("key");

CREATE INDEX "IX_runs_project_id_id" ON "runs" ("project_id", "id");

CREATE INDEX "IX_runs_status_lease_expires_at" ON "runs" ("status", "lease_expires_at");

CREATE INDEX "IX_runs_sweep_id_status" ON "runs" ("sweep_id", "status");

CREATE UNIQUE INDEX "IX_runs_sweep_id_trial_number" ON "runs" ("sweep_id", "trial_number");

CREATE UNIQUE INDEX "IX_setup_tokens_hash" ON "setup_tokens" ("hash");

CREATE INDEX "IX_sweeps_project_id" ON "sweeps" ("project_id");

CREATE INDEX "IX_sweeps_status" ON "sweeps" ("status");

CREATE UNIQUE INDEX "IX_users_name" ON "users" ("name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207054912_InitialCreate', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "agents" ADD "api_key_id" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207071946_AgentOwner', '10.0.15');

COMMIT;

