IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [agents] (
        [id] nvarchar(450) NOT NULL,
        [name] nvarchar(max) NOT NULL,
        [host] nvarchar(max) NOT NULL,
        [gpus_json] nvarchar(max) NOT NULL,
        [cpu_count] int NOT NULL,
        [memory_bytes] bigint NOT NULL,
        [slots] int NOT NULL,
        [version] nvarchar(max) NULL,
        [connected_at] bigint NULL,
        [last_heartbeat_at] bigint NULL,
        [status] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_agents] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [audit_events] (
        [id] bigint NOT NULL IDENTITY,
        [at] bigint NOT NULL,
        [actor] nvarchar(max) NOT NULL,
        [action] nvarchar(max) NOT NULL,
        [target] nvarchar(max) NOT NULL,
        [project] nvarchar(max) NULL,
        [detail] nvarchar(max) NULL,
        CONSTRAINT [PK_audit_events] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [projects] (
        [id] bigint NOT NULL IDENTITY,
        [key] nvarchar(450) NOT NULL,
        [name] nvarchar(max) NOT NULL,
        [description] nvarchar(max) NULL,
        [created_at] bigint NOT NULL,
        [notify_text] nvarchar(max) NULL,
        CONSTRAINT [PK_projects] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [setup_tokens] (
        [id] bigint NOT NULL IDENTITY,
        [hash] nvarchar(450) NOT NULL,
        [created_at] bigint NOT NULL,
        [expires_at] bigint NOT NULL,
        [used_at] bigint NULL,
        CONSTRAINT [PK_setup_tokens] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [users] (
        [id] bigint NOT NULL IDENTITY,
        [name] nvarchar(450) NOT NULL,
        [is_admin] bit NOT NULL,
        [password_hash] nvarchar(max) NULL,
        [created_at] bigint NOT NULL,
        CONSTRAINT [PK_users] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [sweeps] (
        [id] bigint NOT NULL IDENTITY,
        [project_id] bigint NOT NULL,
        [name] nvarchar(max) NOT NULL,
        [spec_text] nvarchar(max) NOT NULL,
        [spec_format] nvarchar(max) NOT NULL,
        [status] nvarchar(450) NOT NULL,
        [status_reason] nvarchar(max) NULL,
        [setup_log] nvarchar(max) NULL,
        [seed] bigint NULL,
        [trial_budget] int NOT NULL,
        [parallel] int NOT NULL,
        [extra_trials] int NOT NULL,
        [created_at] bigint NOT NULL,
        [started_at] bigint NULL,
        [ended_at] bigint NULL,
        [resumed_at] bigint NULL,
        [warm_start_design_json] nvarchar(max) NULL,
        [warm_start_note] nvarchar(max) NULL,
        [compute_backend] nvarchar(max) NOT NULL,
        [compute_problem] nvarchar(max) NULL,
        CONSTRAINT [PK_sweeps] PRIMARY KEY ([id]),
        CONSTRAINT [FK_sweeps_projects_project_id] FOREIGN KEY ([project_id]) REFERENCES [projects] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [project_members] (
        [project_id] bigint NOT NULL,
        [user_id] bigint NOT NULL,
        [role] nvarchar(max) NOT NULL,
        [created_at] bigint NOT NULL,
        CONSTRAINT [PK_project_members] PRIMARY KEY ([project_id], [user_id]),
        CONSTRAINT [FK_project_members_projects_project_id] FOREIGN KEY ([project_id]) REFERENCES [projects] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_project_members_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [notification_deliveries] (
        [id] bigint NOT NULL IDENTITY,
        [sweep_id] bigint NOT NULL,
        [channel] nvarchar(450) NOT NULL,
        [target] nvarchar(450) NOT NULL,
        [event] nvarchar(max) NOT NULL,
        [event_key] nvarchar(450) NOT NULL,
        [run_id] bigint NULL,
        [text] nvarchar(max) NOT NULL,
        [status] nvarchar(max) NOT NULL,
        [attempts] int NOT NULL,
        [last_error] nvarchar(max) NULL,
        [created_at] bigint NOT NULL,
        [finished_at] bigint NULL,
        CONSTRAINT [PK_notification_deliveries] PRIMARY KEY ([id]),
        CONSTRAINT [FK_notification_deliveries_sweeps_sweep_id] FOREIGN KEY ([sweep_id]) REFERENCES [sweeps] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [runs] (
        [id] bigint NOT NULL IDENTITY,
        [project_id] bigint NOT NULL,
        [sweep_id] bigint NULL,
        [trial_number] int NULL,
        [name] nvarchar(max) NULL,
        [status] nvarchar(450) NOT NULL,
        [params_json] nvarchar(max) NOT NULL,
        [summary_json] nvarchar(max) NOT NULL,
        [created_at] bigint NOT NULL,
        [started_at] bigint NULL,
        [ended_at] bigint NULL,
        [attempt] int NOT NULL,
        [lease_agent_id] nvarchar(max) NULL,
        [lease_expires_at] bigint NULL,
        [exit_code] int NULL,
        [log_tail] nvarchar(max) NULL,
        [error] nvarchar(max) NULL,
        [gpu_indices] nvarchar(max) NULL,
        [gpus] int NOT NULL,
        [failures] int NOT NULL,
        [code_version] nvarchar(max) NULL,
        [dataset] nvarchar(max) NULL,
        [warm_start_sweep_id] bigint NULL,
        [warm_start_run_id] bigint NULL,
        CONSTRAINT [PK_runs] PRIMARY KEY ([id]),
        CONSTRAINT [FK_runs_projects_project_id] FOREIGN KEY ([project_id]) REFERENCES [projects] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_runs_sweeps_sweep_id] FOREIGN KEY ([sweep_id]) REFERENCES [sweeps] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [api_keys] (
        [id] bigint NOT NULL IDENTITY,
        [user_id] bigint NULL,
        [run_id] bigint NULL,
        [public_id] nvarchar(450) NULL,
        [project_id] bigint NULL,
        [sweep_id] bigint NULL,
        [name] nvarchar(max) NOT NULL,
        [prefix] nvarchar(max) NOT NULL,
        [hash] nvarchar(450) NOT NULL,
        [scope] nvarchar(max) NOT NULL,
        [created_at] bigint NOT NULL,
        [revoked_at] bigint NULL,
        [expires_at] bigint NULL,
        [last_used_at] bigint NULL,
        CONSTRAINT [PK_api_keys] PRIMARY KEY ([id]),
        CONSTRAINT [FK_api_keys_projects_project_id] FOREIGN KEY ([project_id]) REFERENCES [projects] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_api_keys_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [runs] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_api_keys_sweeps_sweep_id] FOREIGN KEY ([sweep_id]) REFERENCES [sweeps] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_api_keys_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [artifacts] (
        [id] bigint NOT NULL IDENTITY,
        [run_id] bigint NOT NULL,
        [path] nvarchar(450) NOT NULL,
        [size] bigint NOT NULL,
        [content_type] nvarchar(max) NOT NULL,
        [sha256] nvarchar(max) NULL,
        [created_at] bigint NOT NULL,
        CONSTRAINT [PK_artifacts] PRIMARY KEY ([id]),
        CONSTRAINT [FK_artifacts_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [runs] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [metric_blocks] (
        [run_id] bigint NOT NULL,
        [key] nvarchar(450) NOT NULL,
        [block] bigint NOT NULL,
        [count] bigint NOT NULL,
        [min_step] bigint NULL,
        [min_value] float NULL,
        [min_timestamp] bigint NULL,
        [max_step] bigint NULL,
        [max_value] float NULL,
        [max_timestamp] bigint NULL,
        [nan_step] bigint NULL,
        [nan_timestamp] bigint NULL,
        CONSTRAINT [PK_metric_blocks] PRIMARY KEY ([run_id], [key], [block]),
        CONSTRAINT [FK_metric_blocks_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [runs] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [metric_points] (
        [run_id] bigint NOT NULL,
        [key] nvarchar(450) NOT NULL,
        [step] bigint NOT NULL,
        [value] float NULL,
        [timestamp] bigint NOT NULL,
        CONSTRAINT [PK_metric_points] PRIMARY KEY ([run_id], [key], [step]),
        CONSTRAINT [FK_metric_points_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [runs] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [metric_summaries] (
        [run_id] bigint NOT NULL,
        [key] nvarchar(450) NOT NULL,
        [count] bigint NOT NULL,
        [last_step] bigint NOT NULL,
        [last_value] float NULL,
        [min_value] float NULL,
        [max_value] float NULL,
        [updated_at] bigint NOT NULL,
        CONSTRAINT [PK_metric_summaries] PRIMARY KEY ([run_id], [key]),
        CONSTRAINT [FK_metric_summaries_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [runs] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE TABLE [compute_instances] (
        [id] bigint NOT NULL IDENTITY,
        [sweep_id] bigint NULL,
        [backend] nvarchar(450) NOT NULL,
        [external_id] nvarchar(450) NOT NULL,
        [instance_type] nvarchar(max) NULL,
        [spot] bit NOT NULL,
        [hourly_price] float NULL,
        [state] nvarchar(450) NOT NULL,
        [state_reason] nvarchar(max) NULL,
        [api_key_id] bigint NULL,
        [agent_id] nvarchar(max) NULL,
        [launched_at] bigint NOT NULL,
        [registered_at] bigint NULL,
        [ended_at] bigint NULL,
        CONSTRAINT [PK_compute_instances] PRIMARY KEY ([id]),
        CONSTRAINT [FK_compute_instances_api_keys_api_key_id] FOREIGN KEY ([api_key_id]) REFERENCES [api_keys] ([id]) ON DELETE SET NULL,
        CONSTRAINT [FK_compute_instances_sweeps_sweep_id] FOREIGN KEY ([sweep_id]) REFERENCES [sweeps] ([id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_api_keys_hash] ON [api_keys] ([hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_api_keys_project_id] ON [api_keys] ([project_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_api_keys_public_id] ON [api_keys] ([public_id]) WHERE [public_id] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_api_keys_run_id] ON [api_keys] ([run_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_api_keys_sweep_id] ON [api_keys] ([sweep_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_api_keys_user_id] ON [api_keys] ([user_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_artifacts_run_id_path] ON [artifacts] ([run_id], [path]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_audit_events_at] ON [audit_events] ([at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_compute_instances_api_key_id] ON [compute_instances] ([api_key_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_compute_instances_backend_external_id] ON [compute_instances] ([backend], [external_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_compute_instances_state] ON [compute_instances] ([state]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_compute_instances_sweep_id] ON [compute_instances] ([sweep_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [ix_notification_deliveries_once] ON [notification_deliveries] ([sweep_id], [channel], [target], [event_key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_project_members_user_id] ON [project_members] ([user_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_projects_key] ON [projects] ([key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_runs_project_id_id] ON [runs] ([project_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_runs_status_lease_expires_at] ON [runs] ([status], [lease_expires_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_runs_sweep_id_status] ON [runs] ([sweep_id], [status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_runs_sweep_id_trial_number] ON [runs] ([sweep_id], [trial_number]) WHERE [sweep_id] IS NOT NULL AND [trial_number] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_setup_tokens_hash] ON [setup_tokens] ([hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_sweeps_project_id] ON [sweeps] ([project_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_sweeps_status] ON [sweeps] ([status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_users_name] ON [users] ([name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207054939_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207054939_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207071953_AgentOwner'
)
BEGIN
    ALTER TABLE [agents] ADD [api_key_id] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207071953_AgentOwner'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207071953_AgentOwner', N'10.0.15');
END;

COMMIT;
GO

