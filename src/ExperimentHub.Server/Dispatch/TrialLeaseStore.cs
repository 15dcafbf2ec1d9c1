using System.Globalization;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The database as the trial queue. Every change of a trial's state is one conditional UPDATE (leases with
/// RETURNING), so two agents can never hold the same trial, and a restart of the server loses nothing: the state is
/// the rows. Which statuses each change starts from and leads to comes from <see cref="RunLifecycle"/>. Raw SQLite
/// commands: this is the hot path of dispatch.
/// </summary>
public sealed class TrialLeaseStore(
    SqliteConnectionFactory connections,
    WriteGate gate,
    ApiKeyIssuer keys,
    SweepSpecCache specs,
    TimeProvider time,
    IOptions<DispatchOptions> options)
{
    // Pending trials of running sweeps, oldest first, as many as fit the agent's free GPUs (a running sum over the
    // candidates), updated only while still pending: the UPDATE is the lease, atomic in SQLite. An agent started for
    // one sweep ($sweep) takes that sweep's trials only; other agents take those of sweeps whose backend is agents.
    private static readonly string LeaseSql = $"""
        UPDATE runs SET status = {RunLifecycle.SqlTo(RunTransition.Lease)}, lease_agent_id = $agent, lease_expires_at = $expires, attempt = attempt + 1,
                        started_at = NULL, ended_at = NULL, exit_code = NULL, gpu_indices = NULL
        WHERE {RunLifecycle.SqlFrom(RunTransition.Lease)} AND id IN (
            SELECT id FROM (
                SELECT r.id AS id, sum(r.gpus) OVER (ORDER BY r.id ROWS UNBOUNDED PRECEDING) AS need
                FROM runs r JOIN sweeps s ON s.id = r.sweep_id
                WHERE {RunLifecycle.SqlFrom(RunTransition.Lease, "r.status")} AND s.status = 'running' AND r.gpus <= $gpus
                  AND (CASE WHEN $sweep IS NULL THEN s.compute_backend = 'agents' ELSE s.id = $sweep END))
            WHERE need <= $gpus ORDER BY id LIMIT $slots)
        RETURNING id, sweep_id, trial_number, attempt, params_json, gpus
        """;

    private static readonly string StartSql = $"""
        UPDATE runs SET status = {RunLifecycle.SqlTo(RunTransition.Start)}, started_at = coalesce(started_at, $now), gpu_indices = $gpus, lease_expires_at = $expires
        WHERE id = $id AND lease_agent_id = $agent AND {RunLifecycle.SqlFrom(RunTransition.Start)}
        """;

    // A server-side end (pruned, timed out, stopped): one UPDATE per run, or per sweep, guarded by the statuses it may end from.
    private static readonly string EndActiveSql = $"""
        UPDATE runs SET status = $status, error = $reason, ended_at = $now, lease_expires_at = NULL
        WHERE id = $id AND {RunLifecycle.SqlIn(RunLifecycle.Active)}
        RETURNING lease_agent_id
        """;

    private static readonly string StopSweepSql = $"""
        UPDATE runs SET status = {RunLifecycle.SqlTo(RunTransition.Stop)}, error = $reason, ended_at = $now, lease_expires_at = NULL
        WHERE sweep_id = $sweep AND {RunLifecycle.SqlFrom(RunTransition.Stop)}
        RETURNING id, lease_agent_id
        """;

    // Requeue and Fail start from the same held statuses; the CASE picks one per row.
    private static readonly string RequeueExpiredSql = $"""
        UPDATE runs SET
            status = CASE WHEN attempt - failures > $maxLost THEN {RunLifecycle.SqlTo(RunTransition.Fail)} ELSE {RunLifecycle.SqlTo(RunTransition.Requeue)} END,
            error = CASE WHEN attempt - failures > $maxLost
                THEN 'lost its agent ' || (attempt - failures) || ' times (the agent ' || coalesce(lease_agent_id, '?') || ' stopped heartbeating)'
                ELSE 'attempt ' || attempt || ' was requeued: the agent ' || coalesce(lease_agent_id, '?') || ' stopped heartbeating' END,
            ended_at = CASE WHEN attempt - failures > $maxLost THEN $now ELSE NULL END,
            lease_agent_id = NULL, lease_expires_at = NULL
        WHERE {RunLifecycle.SqlFrom(RunTransition.Requeue)} AND lease_expires_at < $now AND sweep_id IS NOT NULL
        RETURNING id, sweep_id, status
        """;

    private static readonly string HeldByAgent = RunLifecycle.SqlIn(RunLifecycle.Held);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> _runSweeps = new();
    private int _starved = 1;

    private DispatchOptions Options => options.Value;

    /// <summary>
    /// Whether an agent asked for more than it got since the last call: only then is a WorkAvailable broadcast worth
    /// its cost (with a full queue, agents take work as they free up).
    /// </summary>
    public bool TakeStarved() => Interlocked.Exchange(ref _starved, 0) == 1;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long LeaseExpiry => Now + (Options.LeaseSeconds * 1000L);

    /// <summary>Leases up to <paramref name="slots"/> pending trials needing at most <paramref name="gpus"/> GPUs in all.</summary>
    public Task<IReadOnlyList<LeasedTrial>> LeaseAsync(string agentId, int slots, int gpus, CancellationToken cancellationToken) =>
        LeaseAsync(agentId, slots, gpus, null, cancellationToken);

    /// <summary>As above; an agent started for one sweep passes it as <paramref name="onlySweepId"/>.</summary>
    public async Task<IReadOnlyList<LeasedTrial>> LeaseAsync(string agentId, int slots, int gpus, long? onlySweepId, CancellationToken cancellationToken)
    {
        if (slots <= 0)
        {
            return [];
        }
        var leased = new List<(long Id, long Sweep, int Number, int Attempt, string Params, int Gpus)>();
        IReadOnlyList<string> tokens;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction();
            await using (var lease = Command(connection, transaction, LeaseSql))
            {
                lease.Parameters.AddWithValue("$agent", agentId);
                lease.Parameters.AddWithValue("$expires", LeaseExpiry);
                lease.Parameters.AddWithValue("$gpus", Math.Max(0, gpus));
                lease.Parameters.AddWithValue("$slots", slots);
                lease.Parameters.AddWithValue("$sweep", onlySweepId is { } only ? only : DBNull.Value);
                await using var reader = await lease.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    leased.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetInt32(5)));
                }
            }
            if (leased.Count < slots)
            {
                Volatile.Write(ref _starved, 1);
            }
            if (leased.Count == 0)
            {
                return [];
            }
            tokens = await keys.InsertTrialTokensAsync(connection, transaction, leased.Select(t => t.Id).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var trial in leased)
        {
            _runSweeps[trial.Id] = trial.Sweep;
        }
        return leased.Select((t, i) => new LeasedTrial(t.Id, t.Sweep, t.Number, t.Attempt, t.Params, t.Gpus, tokens[i])).ToList();
    }

    /// <summary>The agent's process for the run is up; false when the run is not leased to this agent any more.</summary>
    public async Task<bool> MarkStartedAsync(string agentId, long runId, IReadOnlyList<int> gpuIndices, CancellationToken cancellationToken)
    {
        return await ExecuteAsync(StartSql, cancellationToken,
            ("$now", Now), ("$gpus", gpuIndices.Count == 0 ? DBNull.Value : string.Join(',', gpuIndices)),
            ("$expires", LeaseExpiry), ("$id", runId), ("$agent", agentId)) == 1;
    }

    /// <summary>
    /// Extends the leases of the listed runs that are still leased to this agent; returns those. The agent stops the
    /// others (requeued after its lease expired, or finished by the server).
    /// </summary>
    public async Task<IReadOnlyList<long>> ExtendAsync(string agentId, IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return [];
        }
        var ids = string.Join(',', runIds.Distinct().Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var sql = $"""
            UPDATE runs SET lease_expires_at = $expires
            WHERE lease_agent_id = $agent AND {HeldByAgent} AND id IN ({ids})
            RETURNING id
            """;
        var kept = new List<long>();
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, sql);
            command.Parameters.AddWithValue("$expires", LeaseExpiry);
            command.Parameters.AddWithValue("$agent", agentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                kept.Add(reader.GetInt64(0));
            }
        }
        return kept;
    }

    /// <summary>
    /// Applies an agent's end report. Completed ends the trial; a script failure is retried (the row goes back to
    /// pending) while the sweep's <c>trial.retries</c> allow; an end the agent chose (stopped: it is shutting down)
    /// requeues the trial like a lost lease. A run the server already finished (pruned, timed out, stopped) keeps its
    /// status and gets the exit code and log tail.
    /// </summary>
    public async Task<TrialEndResult> EndAsync(string agentId, TrialEnd end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(end);
        var tail = Bounded(end.LogTail);
        var now = Now;
        // The retries come from the sweep's spec: cached after its first use, loaded outside the write gate otherwise.
        var sweepOfRun = await SweepOfRunAsync(end.RunId, cancellationToken);
        if (sweepOfRun is null)
        {
            return new TrialEndResult(false, 0, RunStatus.Failed);
        }
        var sweepId = sweepOfRun;
        var retries = (specs.Peek(sweepId.Value) ?? await specs.GetAsync(sweepId.Value, cancellationToken))?.Trial.Retries ?? 0;

        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction();
            string? status = null, leaseAgent = null;
            int attempt = 0, failures = 0;
            await using (var read = Command(connection, transaction, "SELECT status, lease_agent_id, attempt, failures FROM runs WHERE id = $id"))
            {
                read.Parameters.AddWithValue("$id", end.RunId);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    status = reader.GetString(0);
                    leaseAgent = reader.IsDBNull(1) ? null : reader.GetString(1);
                    attempt = reader.GetInt32(2);
                    failures = reader.GetInt32(3);
                }
            }
            if (status is null || !string.Equals(leaseAgent, agentId, StringComparison.Ordinal))
            {
                return new TrialEndResult(false, sweepId.Value, status is null ? RunStatus.Failed : EnumNames.Parse<RunStatus>(status));
            }
            var current = EnumNames.Parse<RunStatus>(status);
            if (Run.IsFinished(current))
            {
                // The server ended it first (pruned, timed out, stopped, or the script called finish): keep that status.
                await ExecuteAsync(connection, transaction,
                    "UPDATE runs SET exit_code = coalesce($code, exit_code), log_tail = $tail, lease_expires_at = NULL WHERE id = $id",
                    cancellationToken, ("$code", (object?)end.ExitCode ?? DBNull.Value), ("$tail", tail), ("$id", end.RunId));
                await transaction.CommitAsync(cancellationToken);
                return new TrialEndResult(true, sweepId.Value, current);
            }

            RunTransition transition;
            string? error;
            var newFailures = failures;
            switch (end.Outcome)
            {
                case TrialOutcome.Completed:
                    transition = RunTransition.Complete;
                    error = null;
                    break;
                case TrialOutcome.TimedOut:
                    transition = RunTransition.TimeOut;
                    error = end.Error ?? "ran past its timeout";
                    break;
                case TrialOutcome.Failed:
                    newFailures++;
                    error = $"attempt {attempt} failed" + (end.ExitCode is { } code ? $" with exit code {code}" : "") + (end.Error is { Length: > 0 } e ? $": {e}" : "");
                    transition = newFailures <= retries ? RunTransition.Retry : RunTransition.Fail;
                    break;
                default:
                    // Stopped without being asked: the agent is going away. The trial did not end; run it elsewhere.
                    error = $"attempt {attempt} was stopped by its agent" + (end.Error is { Length: > 0 } s ? $": {s}" : "");
                    transition = attempt - failures > Options.MaxLostLeases ? RunTransition.Fail : RunTransition.Requeue;
                    break;
            }
            if (!RunLifecycle.Allows(current, transition))
            {
                // The report does not fit the trial's status (a pending row carries no agent, so this should not happen).
                return new TrialEndResult(false, sweepId.Value, current);
            }
            var next = RunLifecycle.To(transition);
            var finished = Run.IsFinished(next);
            await ExecuteAsync(connection, transaction, """
                UPDATE runs SET status = $status, failures = $failures, error = $error, exit_code = $code, log_tail = $tail,
                                ended_at = $ended, lease_expires_at = NULL,
                                lease_agent_id = CASE WHEN $finished THEN lease_agent_id ELSE NULL END
                WHERE id = $id AND status = $from
                """, cancellationToken,
                ("$from", status), ("$status", EnumNames.ToText(next)), ("$failures", newFailures), ("$error", (object?)error ?? DBNull.Value),
                ("$code", (object?)end.ExitCode ?? DBNull.Value), ("$tail", tail), ("$ended", finished ? now : DBNull.Value),
                ("$finished", finished), ("$id", end.RunId));
            await transaction.CommitAsync(cancellationToken);
            return new TrialEndResult(true, sweepId.Value, next);
        }
    }

    /// <summary>Appends output lines to the run's log tail, keeping the last <see cref="Run.MaxLogTailChars"/> characters.</summary>
    public async Task AppendLogAsync(long runId, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }
        var text = Bounded(string.Concat(lines.Select(l => l + "\n")));
        await ExecuteAsync(
            "UPDATE runs SET log_tail = substr(coalesce(log_tail, '') || $text, -$max) WHERE id = $id",
            cancellationToken, ("$text", text), ("$max", Run.MaxLogTailChars), ("$id", runId));
    }

    /// <summary>
    /// Ends an active trial from the server's side (pruned, timed out, stopped). The lease's agent stays recorded so
    /// that its end report is still accepted (exit code, log tail). Returns that agent, or null when the run was not active.
    /// </summary>
    public async Task<(bool Changed, string? AgentId)> FinishActiveAsync(long runId, RunStatus status, string reason, CancellationToken cancellationToken)
    {
        // Names the transition (prune, time out, stop): a status that does not end a run is refused here.
        var ending = RunLifecycle.To(RunLifecycle.Ending(status));
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, EndActiveSql);
            command.Parameters.AddWithValue("$status", EnumNames.ToText(ending));
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$id", runId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (false, null);
            }
            return (true, reader.IsDBNull(0) ? null : reader.GetString(0));
        }
    }

    /// <summary>Ends every active trial of a sweep (stopped, or its time ran out); returns the leased ones with their agents.</summary>
    public async Task<IReadOnlyList<(long RunId, string AgentId)>> FinishSweepTrialsAsync(long sweepId, string reason, CancellationToken cancellationToken)
    {
        var told = new List<(long, string)>();
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, StopSweepSql);
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$sweep", sweepId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(1))
                {
                    told.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }
        }
        return told;
    }

    /// <summary>
    /// Requeues trials whose lease expired (their agent stopped heartbeating), or fails those that lost their agent
    /// more than <see cref="DispatchOptions.MaxLostLeases"/> times.
    /// </summary>
    public async Task<IReadOnlyList<ReapedTrial>> RequeueExpiredAsync(CancellationToken cancellationToken)
    {
        var reaped = new List<ReapedTrial>();
        var now = Now;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, RequeueExpiredSql);
            command.Parameters.AddWithValue("$maxLost", Options.MaxLostLeases);
            command.Parameters.AddWithValue("$now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                reaped.Add(new ReapedTrial(reader.GetInt64(0), reader.GetInt64(1), EnumNames.Parse<RunStatus>(reader.GetString(2)), null));
            }
        }
        return reaped;
    }

    /// <summary>The running trials of sweeps with a trial timeout, with their start times and agents.</summary>
    public async Task<IReadOnlyList<(long RunId, long SweepId, DateTimeOffset StartedAt, string? AgentId)>> ListRunningAsync(CancellationToken cancellationToken)
    {
        var result = new List<(long, long, DateTimeOffset, string?)>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT id, sweep_id, started_at, lease_agent_id FROM runs WHERE {RunLifecycle.SqlIn([RunStatus.Running])} AND sweep_id IS NOT NULL AND started_at IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetInt64(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return result;
    }

    /// <summary>Inserts new pending trials of a sweep in one transaction; none when the sweep is no longer running.</summary>
    public async Task InsertPendingAsync(long sweepId, long projectId, int gpus, IReadOnlyList<PendingTrial> trials, CancellationToken cancellationToken)
    {
        if (trials.Count == 0)
        {
            return;
        }
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction();
            // Only while the sweep still runs: a stop or pause committed after the coordinator read the sweep wins,
            // so a stopped sweep never gains a trial.
            await using var insert = Command(connection, transaction, """
                INSERT INTO runs (project_id, sweep_id, trial_number, name, status, params_json, summary_json, created_at, attempt, gpus, failures)
                SELECT $project, $sweep, $number, $name, $pending, $params, '{}', $now, 0, $gpus, 0
                WHERE EXISTS (SELECT 1 FROM sweeps WHERE id = $sweep AND status = 'running')
                """);
            insert.Parameters.AddWithValue("$project", projectId);
            insert.Parameters.AddWithValue("$sweep", sweepId);
            insert.Parameters.AddWithValue("$now", Now);
            insert.Parameters.AddWithValue("$gpus", gpus);
            insert.Parameters.AddWithValue("$pending", EnumNames.ToText(RunStatus.Pending));
            var number = insert.Parameters.Add("$number", SqliteType.Integer);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var parameters = insert.Parameters.Add("$params", SqliteType.Text);
            foreach (var trial in trials)
            {
                number.Value = trial.TrialNumber;
                name.Value = $"trial {trial.TrialNumber}";
                parameters.Value = trial.ParamsJson;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static string Bounded(string? text) =>
        text is null ? "" : text.Length <= Run.MaxLogTailChars ? text : text[^Run.MaxLogTailChars..];

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await ExecuteAsync(connection, null, sql, cancellationToken, parameters);
        }
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The sweep of a run, remembered from its lease so that most end reports cost no extra query.</summary>
    private async Task<long?> SweepOfRunAsync(long runId, CancellationToken cancellationToken)
    {
        if (_runSweeps.TryGetValue(runId, out var known))
        {
            return known;
        }
        var found = await ScalarAsync("SELECT sweep_id FROM runs WHERE id = $id", cancellationToken, ("$id", runId));
        if (found is { } sweepId)
        {
            if (_runSweeps.Count > 100_000)
            {
                _runSweeps.Clear();
            }
            _runSweeps[runId] = sweepId;
        }
        return found;
    }

    private async Task<long?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteScalarAsync(cancellationToken) is long l ? l : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
