using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Dispatch;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Writes a finished sweep straight into the server's SQLite file, in one transaction of prepared inserts, with rows
/// as the dispatcher and the ingest path leave them: the sweep completed with its budget, each trial a run named
/// "trial N" with parameters from the real random sampler (ParameterJson), a run token in api_keys, an attempt on
/// an agent, metric points with their per-key summaries and 128-step blocks, and the log tail. The trials' metrics
/// come from a synthetic model with a real trade-off (deeper nets are more accurate and slower), so the Pareto
/// front is a real front, and a few trials break the accuracy constraint.
/// </summary>
internal static class UiSweepSeeder
{
    public const string AccuracyMetric = "accuracy";
    public const string LatencyMetric = "inference_ms";
    public const string LossMetric = "loss";
    private const int Steps = 10;
    private const int Agents = 4;

    public static string Spec(int trials) => $$"""
        name: ui-bench-{{trials.ToString(CultureInfo.InvariantCulture)}}
        command: [python3, train.py, "${args}"]
        method: random
        objectives:
          - {metric: {{AccuracyMetric}}, goal: maximize}
          - {metric: {{LatencyMetric}}, goal: minimize}
        constraints:
          - {metric: {{AccuracyMetric}}, min: 0.6}
        parameters:
          lr: {type: float, min: 0.00001, max: 0.1, log: true}
          weight_decay: {type: float, min: 0.000001, max: 0.01, log: true}
          layers: {type: int, min: 1, max: 12}
          dropout: {type: float, min: 0.0, max: 0.5}
          optimizer: {values: [adam, sgd, rmsprop]}
        budget: {trials: {{trials.ToString(CultureInfo.InvariantCulture)}}, parallel: 8}
        seed: 7
        """;

    public static async Task<UiSeedResult> SeedAsync(string dataDir, string projectKey, int trials, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var text = Spec(trials);
        var parsed = SweepSpecParser.Parse(text, SpecFormat.Yaml);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException("The bench's sweep spec does not parse: " + string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}")));
        }
        var spec = parsed.Spec!;
        var suggestions = new RandomSampler().Suggest(new SearchContext { Space = spec.Space, Objectives = spec.Objectives, Seed = spec.Seed }, trials);
        if (suggestions.Count != trials)
        {
            throw new InvalidOperationException($"The random sampler gave {suggestions.Count} parameter sets, not {trials}.");
        }
        var plan = Plan(suggestions);
        var factory = new SqliteConnectionFactory(Options.Create(new StoreOptions { DataDir = dataDir }));
        await using var connection = await factory.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();

        var projectId = await ScalarAsync(connection, transaction, "SELECT id FROM projects WHERE key = $key", cancellationToken, ("$key", projectKey))
            ?? throw new InvalidOperationException($"There is no project '{projectKey}' to seed a sweep in.");
        var first = plan[0].Created;
        var last = plan.Max(t => t.Ended);
        var sweepId = (await ScalarAsync(connection, transaction, """
            INSERT INTO sweeps (project_id, name, spec_text, spec_format, status, status_reason, seed, trial_budget, parallel, extra_trials, created_at, started_at, ended_at)
            VALUES ($project, $name, $spec, 'yaml', 'completed', $reason, $seed, $budget, $parallel, 0, $created, $created, $ended)
            RETURNING id
            """, cancellationToken,
            ("$project", projectId), ("$name", spec.Name), ("$spec", text), ("$reason", $"ran its budget of {trials} trials"),
            ("$seed", spec.Seed), ("$budget", trials), ("$parallel", spec.Budget.Parallel), ("$created", first - 500), ("$ended", last + 300)))!.Value;

        for (var a = 1; a <= Agents; a++)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT OR IGNORE INTO agents (id, name, host, gpus_json, cpu_count, memory_bytes, slots, version, connected_at, last_heartbeat_at, status)
                VALUES ($id, $name, 'bench-host', '[]', 16, 68719476736, 2, 'bench', $connected, $heartbeat, 'offline')
                """, cancellationToken, ("$id", AgentId(a)), ("$name", $"bench-agent-{a}"), ("$connected", first - 1000), ("$heartbeat", last));
        }

        var points = await InsertTrialsAsync(connection, transaction, projectId, sweepId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UiSeedResult(sweepId, trials, points, plan.Count(t => t.Accuracy < 0.6), clock.Elapsed);
    }

    private static async Task<int> InsertTrialsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long projectId, long sweepId, IReadOnlyList<UiSeedTrial> plan, CancellationToken cancellationToken)
    {
        await using var run = Command(connection, transaction, """
            INSERT INTO runs (project_id, sweep_id, trial_number, name, status, params_json, summary_json, created_at, started_at, ended_at,
                              attempt, lease_agent_id, lease_expires_at, exit_code, log_tail, error, gpu_indices, gpus, failures)
            VALUES ($project, $sweep, $number, $name, 'completed', $params, '{}', $created, $started, $ended,
                    1, $agent, NULL, 0, $log, NULL, NULL, 0, 0)
            RETURNING id
            """);
        run.Parameters.AddWithValue("$project", projectId);
        run.Parameters.AddWithValue("$sweep", sweepId);
        var number = run.Parameters.Add("$number", SqliteType.Integer);
        var name = run.Parameters.Add("$name", SqliteType.Text);
        var parameters = run.Parameters.Add("$params", SqliteType.Text);
        var created = run.Parameters.Add("$created", SqliteType.Integer);
        var started = run.Parameters.Add("$started", SqliteType.Integer);
        var ended = run.Parameters.Add("$ended", SqliteType.Integer);
        var agent = run.Parameters.Add("$agent", SqliteType.Text);
        var log = run.Parameters.Add("$log", SqliteType.Text);

        await using var token = Command(connection, transaction, """
            INSERT INTO api_keys (user_id, run_id, name, prefix, public_id, hash, scope, created_at)
            VALUES (NULL, $run, 'trial token', $prefix, $public_id, $hash, 'run', $now)
            """);
        var tokenRun = token.Parameters.Add("$run", SqliteType.Integer);
        var tokenPrefix = token.Parameters.Add("$prefix", SqliteType.Text);
        var tokenPublicId = token.Parameters.Add("$public_id", SqliteType.Text);
        var tokenHash = token.Parameters.Add("$hash", SqliteType.Text);
        var tokenNow = token.Parameters.Add("$now", SqliteType.Integer);

        await using var writer = new UiMetricWriter(connection, transaction);
        var points = 0;
        foreach (var trial in plan)
        {
            number.Value = trial.Number;
            name.Value = $"trial {trial.Number}";
            parameters.Value = ParameterJson.Write(trial.Parameters);
            created.Value = trial.Created;
            started.Value = trial.Started;
            ended.Value = trial.Ended;
            agent.Value = AgentId(((trial.Number - 1) % Agents) + 1);
            log.Value = string.Create(CultureInfo.InvariantCulture,
                $"epoch {Steps}/{Steps} loss={trial.Loss[^1]:F4} accuracy={trial.Accuracy:F4}\nEXPERIMENTHUB step={Steps} accuracy={trial.Accuracy:R} inference_ms={trial.LatencyMs:R}\n");
            var runId = (long)(await run.ExecuteScalarAsync(cancellationToken))!;

            var secret = ApiKeyTokens.NewRunToken();
            tokenRun.Value = runId;
            tokenPrefix.Value = secret.Prefix;
            tokenPublicId.Value = secret.PublicId;
            tokenHash.Value = secret.Hash;
            tokenNow.Value = trial.Created + 50;
            await token.ExecuteNonQueryAsync(cancellationToken);

            var span = trial.Ended - trial.Started;
            var stepTimes = Enumerable.Range(1, Steps).Select(s => trial.Started + (span * s / Steps)).ToArray();
            var accuracyCurve = Enumerable.Range(1, Steps).Select(s => s == Steps ? trial.Accuracy : trial.Accuracy * (1 - (0.5 * Math.Exp(-s / 2.0)))).ToArray();
            points += await writer.WriteAsync(runId, LossMetric, 1, trial.Loss, stepTimes, cancellationToken);
            points += await writer.WriteAsync(runId, AccuracyMetric, 1, accuracyCurve, stepTimes, cancellationToken);
            points += await writer.WriteAsync(runId, LatencyMetric, Steps, [trial.LatencyMs], [stepTimes[^1]], cancellationToken);
        }
        return points;
    }

    /// <summary>Times and metrics of each trial: 8 slots in parallel, each trial 30 to 90 s, ending just before now.</summary>
    private static List<UiSeedTrial> Plan(IReadOnlyList<IReadOnlyDictionary<string, object>> suggestions)
    {
        var random = new Random(11);
        var slots = new long[8];
        var trials = new List<UiSeedTrial>(suggestions.Count);
        for (var i = 0; i < suggestions.Count; i++)
        {
            var p = suggestions[i];
            var slot = Array.IndexOf(slots, slots.Min());
            var createdAt = slots[slot];
            var startedAt = createdAt + 150 + random.Next(100);
            var endedAt = startedAt + 30_000 + random.Next(60_000);
            slots[slot] = endedAt + 20;

            var lr = Math.Log10(Convert.ToDouble(p["lr"], CultureInfo.InvariantCulture));
            var decay = Math.Log10(Convert.ToDouble(p["weight_decay"], CultureInfo.InvariantCulture));
            var layers = Convert.ToDouble(p["layers"], CultureInfo.InvariantCulture);
            var dropout = Convert.ToDouble(p["dropout"], CultureInfo.InvariantCulture);
            var optimizer = (string)p["optimizer"];
            var accuracy = 0.78 + (0.1 * (1 - Math.Exp(-layers / 3))) - (0.03 * (lr + 3) * (lr + 3)) - (0.01 * (decay + 4) * (decay + 4))
                - (0.4 * (dropout - 0.2) * (dropout - 0.2)) - (optimizer switch { "sgd" => 0.03, "rmsprop" => 0.01, _ => 0 })
                + (0.01 * Gaussian(random));
            accuracy = Math.Clamp(accuracy, 0, 1);
            var latency = (2 + (1.5 * layers)) * (1 + (0.05 * Gaussian(random)));
            var loss = Enumerable.Range(1, Steps).Select(s => ((1 - accuracy) * (1 + (2 * Math.Exp(-s / 2.5)))) + (0.005 * random.NextDouble())).ToArray();
            trials.Add(new UiSeedTrial(i + 1, p, createdAt, startedAt, endedAt, accuracy, latency, loss));
        }
        // Shift the timeline so the sweep ended a minute ago.
        var offset = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000 - trials.Max(t => t.Ended);
        return trials.Select(t => t with { Created = t.Created + offset, Started = t.Started + offset, Ended = t.Ended + offset }).ToList();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string AgentId(int index) => $"uibench-agent-{index.ToString(CultureInfo.InvariantCulture)}";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
