using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using ExperimentHub.Server.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The run catalog over HTTP: 10,000 runs with 10 parameters and 10 metrics each, seeded straight into SQLite, then
/// exported as CSV and as JSON Lines. Prints rows/s and the process's peak working set during each export next to the
/// size of the export, to show that it streams (the peak stays far below what holding every row would need).
/// Options: --runs N (default 10,000), --params N (10), --metrics N (10).
/// </summary>
internal sealed class ExportBenchmark : IBenchmark
{
    public string Name => "export";

    public string Description => "GET /api/v1/catalog/runs as csv and jsonl over 10,000 runs x 10 params x 10 metrics: rows/s and peak memory";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var runs = Option(args, "--runs", 10_000);
        var parameters = Option(args, "--params", 10);
        var metrics = Option(args, "--metrics", 10);

        await using var server = await IngestBenchServer.StartAsync();
        using var client = server.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        (await client.PostAsJsonAsync("api/v1/projects", new { key = "bench", name = "Bench" }, cancellationToken)).EnsureSuccessStatusCode();
        var seed = Stopwatch.StartNew();
        await SeedAsync(server.Services.GetRequiredService<SqliteConnectionFactory>(), runs, parameters, metrics, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: phase=seed runs={runs} params={parameters} metrics={metrics} seconds={seed.Elapsed.TotalSeconds:F1}"));

        var results = new List<(string Format, double RowsPerSecond, double PeakMb, double GrowthMb)>();
        foreach (var format in new[] { "csv", "jsonl", "csv", "jsonl" })
        {
            var (rows, bytes, seconds, baseBytes, peakBytes, allocated) = await ExportAsync(client, format, cancellationToken);
            var expected = format == "csv" ? runs + 1 : runs;
            if (rows != expected)
            {
                throw new InvalidOperationException($"{format} export had {rows} lines, expected {expected}");
            }
            var rate = runs / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"export: format={format} rows={runs} bytes={bytes} seconds={seconds:F3} rows_per_s={rate:F0} working_set_before_mb={baseBytes / 1048576.0:F1} peak_working_set_mb={peakBytes / 1048576.0:F1} allocated_mb={allocated / 1048576.0:F1}"));
            results.Add((format, rate, peakBytes / 1048576.0, (peakBytes - baseBytes) / 1048576.0));
        }
        // The second round of each format is the warm one.
        var csv = results[2];
        var jsonl = results[3];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: summary runs={runs} csv_rows_per_s={csv.RowsPerSecond:F0} jsonl_rows_per_s={jsonl.RowsPerSecond:F0} peak_working_set_mb={Math.Max(csv.PeakMb, jsonl.PeakMb):F1} peak_growth_mb={Math.Max(csv.GrowthMb, jsonl.GrowthMb):F1}"));
    }

    private static async Task<(long Lines, long Bytes, double Seconds, long WorkingSetBefore, long PeakWorkingSet, long Allocated)> ExportAsync(
        HttpClient client, string format, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        // Sampled while the export runs: the working set of this process, which holds the server too.
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(5, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"api/v1/catalog/runs?format={format}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long bytes = 0;
        long lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        await sampling.CancelAsync();
        await sampler;
        // CSV cells with line breaks would add lines; the seeded values have none.
        return (lines, bytes, seconds, before, peak, allocated);
    }

    private static async Task SeedAsync(SqliteConnectionFactory connections, int runs, int parameters, int metrics, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long projectId;
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = "SELECT id FROM projects WHERE key = 'bench'";
            projectId = (long)(await find.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var insertRun = connection.CreateCommand();
        insertRun.Transaction = transaction;
        insertRun.CommandText = """
            INSERT INTO runs (project_id, name, status, params_json, summary_json, created_at, started_at, ended_at, attempt, exit_code)
            VALUES ($project, $name, 'completed', $params, '{}', $created, $created, $ended, 1, 0) RETURNING id
            """;
        insertRun.Parameters.AddWithValue("$project", projectId);
        var pName = insertRun.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
        var pParams = insertRun.Parameters.Add("$params", Microsoft.Data.Sqlite.SqliteType.Text);
        var pCreated = insertRun.Parameters.Add("$created", Microsoft.Data.Sqlite.SqliteType.Integer);
        var pEnded = insertRun.Parameters.Add("$ended", Microsoft.Data.Sqlite.SqliteType.Integer);
        await using var insertMetric = connection.CreateCommand();
        insertMetric.Transaction = transaction;
        insertMetric.CommandText = """
            INSERT INTO metric_summaries (run_id, key, count, last_step, last_value, min_value, max_value, updated_at)
            VALUES ($run, $key, 100, 99, $value, $value, $value, $created)
            """;
        var mRun = insertMetric.Parameters.Add("$run", Microsoft.Data.Sqlite.SqliteType.Integer);
        var mKey = insertMetric.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
        var mValue = insertMetric.Parameters.Add("$value", Microsoft.Data.Sqlite.SqliteType.Real);
        var mCreated = insertMetric.Parameters.Add("$created", Microsoft.Data.Sqlite.SqliteType.Integer);

        var random = new Random(7);
        var start = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        for (var r = 0; r < runs; r++)
        {
            var json = new System.Text.StringBuilder("{");
            for (var p = 0; p < parameters; p++)
            {
                json.Append(CultureInfo.InvariantCulture, $"{(p == 0 ? "" : ",")}\"p{p}\":");
                json.Append(p % 3 == 2
                    ? $"\"choice-{random.Next(5)}\""
                    : random.NextDouble().ToString("R", CultureInfo.InvariantCulture));
            }
            json.Append('}');
            pName.Value = $"run-{r}";
            pParams.Value = json.ToString();
            pCreated.Value = start + (r * 1000L);
            pEnded.Value = start + (r * 1000L) + random.Next(1000, 100_000);
            var runId = (long)(await insertRun.ExecuteScalarAsync(cancellationToken))!;
            for (var m = 0; m < metrics; m++)
            {
                mRun.Value = runId;
                mKey.Value = $"m{m}";
                mValue.Value = random.NextDouble();
                mCreated.Value = start;
                await insertMetric.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
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
