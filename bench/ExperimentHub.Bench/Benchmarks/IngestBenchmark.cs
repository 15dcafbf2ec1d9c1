using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Services;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Metric ingest over HTTP: batches of 1,000 points posted by 4 concurrent writers to one run on a real server,
/// against the same rows written straight to the same database by a raw batched insert, one transaction per 1,000
/// (the baseline: a prepared insert on SQLite, a batch of prepared inserts on PostgreSQL). On SQLite, then on a
/// throw-away PostgreSQL 15 cluster. Options: --points N (default 1,000,000), --writers N (4), --batch N (1000),
/// --db sqlite|postgres|both (both).
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "metric points/s over HTTP (4 writers, batches of 1,000) vs a raw batched insert, on SQLite and PostgreSQL";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var db = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() ?? "both";
        if (db is not ("sqlite" or "postgres" or "both"))
        {
            throw new ArgumentException($"--db {db}: use sqlite, postgres or both");
        }
        if (db is "sqlite" or "both")
        {
            await RunOnAsync(false, args, cancellationToken);
        }
        if (db is "postgres" or "both")
        {
            await RunOnAsync(true, args, cancellationToken);
        }
    }

    private static async Task RunOnAsync(bool postgres, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var database = postgres ? "postgres" : "sqlite";
        var total = Option(args, "--points", 1_000_000);
        var writers = Option(args, "--writers", 4);
        var batch = Option(args, "--batch", 1000);
        var batchesPerWriter = total / batch / writers;
        total = batchesPerWriter * batch * writers;

        await using var server = await IngestBenchServer.StartAsync(postgres);
        using var client = server.CreateClient();
        (await client.PostAsJsonAsync("api/v1/projects", new { key = "bench", name = "Bench" }, cancellationToken)).EnsureSuccessStatusCode();
        var warm = await CreateRunAsync(client, cancellationToken);
        var runId = await CreateRunAsync(client, cancellationToken);

        // Bodies are made before the clock starts: the figure is the server's, not the client's JSON writer.
        var bodies = new byte[writers][][];
        for (var w = 0; w < writers; w++)
        {
            bodies[w] = new byte[batchesPerWriter][];
            for (var b = 0; b < batchesPerWriter; b++)
            {
                bodies[w][b] = Body($"metric_{w}", (long)b * batch, batch);
            }
        }
        for (var i = 0; i < 20; i++)
        {
            await PostAsync(client, warm, Body("warmup", i * batch, batch), cancellationToken);
        }

        var http = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            foreach (var body in bodies[w])
            {
                await PostAsync(client, runId, body, cancellationToken);
            }
        }, cancellationToken)));
        http.Stop();
        var httpRate = total / http.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: db={database} phase=http points={total} writers={writers} batch={batch} seconds={http.Elapsed.TotalSeconds:F2} points_per_s={httpRate:F0}"));

        // The store's own share: the same batches through MetricIngest in process, no HTTP or JSON.
        var metrics = server.Services.GetRequiredService<MetricIngest>();
        var storeRun = await CreateRunAsync(client, cancellationToken);
        var inputs = new MetricPointInput[batch];
        var storeClock = Stopwatch.StartNew();
        for (var start = 0; start < total; start += batch)
        {
            var key = $"metric_{start / batch % 4}";
            var first = (long)(start / batch / 4 * batch);
            for (var i = 0; i < batch; i++)
            {
                inputs[i] = new MetricPointInput(key, first + i, Math.Sin(i * 0.01));
            }
            await metrics.IngestAsync(storeRun, inputs, cancellationToken);
        }
        storeClock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: db={database} phase=store points={total} batch={batch} seconds={storeClock.Elapsed.TotalSeconds:F2} points_per_s={total / storeClock.Elapsed.TotalSeconds:F0}"));

        var direct = postgres
            ? await DirectPostgresInsertAsync(server, total, batch, cancellationToken)
            : await DirectInsertAsync(server, total, batch, cancellationToken);
        var directRate = total / direct.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: db={database} phase=direct points={total} batch={batch} seconds={direct.TotalSeconds:F2} points_per_s={directRate:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: db={database} http_points_per_s={httpRate:F0} direct_points_per_s={directRate:F0} ratio={httpRate / directRate:F2} points={total} writers={writers} batch={batch} target_points_per_s=100000 target_ratio=0.4"));
    }

    /// <summary>The baseline: the same rows into a second run of the same store, with nothing but a prepared insert.</summary>
    private static async Task<TimeSpan> DirectInsertAsync(IngestBenchServer server, int total, int batch, CancellationToken cancellationToken)
    {
        using var client = server.CreateClient();
        var runId = await CreateRunAsync(client, cancellationToken);
        var connections = server.Services.GetRequiredService<SqliteConnectionFactory>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var start = 0; start < total; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO metric_points (run_id, \"key\", step, value, timestamp) VALUES ($run, $key, $step, $value, $ts)";
            var run = insert.Parameters.Add("$run", SqliteType.Integer);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var step = insert.Parameters.Add("$step", SqliteType.Integer);
            var value = insert.Parameters.Add("$value", SqliteType.Real);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            insert.Prepare();
            run.Value = runId;
            ts.Value = now;
            // The same shape as the HTTP phase: four keys, each with its own run of steps.
            var writer = start / batch % 4;
            key.Value = $"metric_{writer}";
            for (var i = 0; i < batch; i++)
            {
                step.Value = (long)(start / batch / 4 * batch) + i;
                value.Value = Math.Sin(i * 0.01);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return clock.Elapsed;
    }

    /// <summary>PostgreSQL's baseline: the same rows into a second run, as a batch of prepared inserts per transaction of 1,000.</summary>
    private static async Task<TimeSpan> DirectPostgresInsertAsync(IngestBenchServer server, int total, int batch, CancellationToken cancellationToken)
    {
        using var client = server.CreateClient();
        var runId = await CreateRunAsync(client, cancellationToken);
        var database = server.Services.GetRequiredService<StoreDatabase>();
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var start = 0; start < total; start += batch)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new Npgsql.NpgsqlBatch(connection, transaction);
            var key = $"metric_{start / batch % 4}";
            for (var i = 0; i < batch; i++)
            {
                var command = new Npgsql.NpgsqlBatchCommand("INSERT INTO metric_points (run_id, \"key\", step, value, \"timestamp\") VALUES ($1, $2, $3, $4, $5)");
                command.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = runId });
                command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = key });
                command.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = (long)(start / batch / 4 * batch) + i });
                command.Parameters.Add(new Npgsql.NpgsqlParameter<double> { TypedValue = Math.Sin(i * 0.01) });
                command.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = now });
                insert.BatchCommands.Add(command);
            }
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return clock.Elapsed;
    }

    private static async Task<long> CreateRunAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("api/v1/projects/bench/runs", new { name = "ingest" }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    private static async Task PostAsync(HttpClient client, long runId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync($"api/v1/runs/{runId}/metrics", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ingest failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static byte[] Body(string key, long firstStep, int count)
    {
        using var stream = new MemoryStream(count * 64);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("points");
            for (var i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteString("key", key);
                json.WriteNumber("value", Math.Sin((firstStep + i) * 0.01));
                json.WriteNumber("step", firstStep + i);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }
        return fallback;
    }
}
