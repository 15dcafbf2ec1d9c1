using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Server.Data.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// A run with 1,000,000 points of one metric served downsampled to 2,000 points over HTTP: the median of 20 requests
/// after warm-up, with the in-process read (MetricSeriesReader) and a bare scan of the rows as baselines.
/// Options: --points N (default 1,000,000), --max-points N (2000), --requests N (20).
/// </summary>
internal sealed class SeriesBenchmark : IBenchmark
{
    public string Name => "series";

    public string Description => "GET a 1,000,000-point series downsampled to 2,000 points: median ms over 20 requests";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var total = Option(args, "--points", 1_000_000);
        var maxPoints = Option(args, "--max-points", 2000);
        var requests = Option(args, "--requests", 20);

        await using var server = await IngestBenchServer.StartAsync();
        using var client = server.CreateClient();
        (await client.PostAsJsonAsync("api/v1/projects", new { key = "bench", name = "Bench" }, cancellationToken)).EnsureSuccessStatusCode();
        using var created = await client.PostAsJsonAsync("api/v1/projects/bench/runs", new { name = "series" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        long runId;
        using (var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken)))
        {
            runId = doc.RootElement.GetProperty("id").GetInt64();
        }

        var ingest = server.Services.GetRequiredService<MetricIngest>();
        var metrics = server.Services.GetRequiredService<MetricSeriesReader>();
        var random = new Random(1);
        var load = Stopwatch.StartNew();
        for (var start = 0; start < total; start += 10_000)
        {
            var count = Math.Min(10_000, total - start);
            var points = new MetricPointInput[count];
            for (var i = 0; i < count; i++)
            {
                var step = start + i;
                points[i] = new MetricPointInput("loss", step, (2 * Math.Exp(-step / 200_000.0)) + (random.NextDouble() * 0.1));
            }
            await ingest.IngestAsync(runId, points, cancellationToken);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"series: phase=load points={total} seconds={load.Elapsed.TotalSeconds:F1}"));

        var url = $"api/v1/runs/{runId}/metrics/loss?maxPoints={maxPoints}";
        var served = 0;
        for (var i = 0; i < 3; i++)
        {
            served = await GetAsync(client, url, cancellationToken);
        }
        var http = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            served = await GetAsync(client, url, cancellationToken);
            http.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"series: phase=http requests={requests} points_served={served} median_ms={Median(http):F1} p90_ms={Percentile(http, 0.9):F1} min_ms={http.Min():F1}"));

        var store = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await metrics.ReadSeriesAsync(runId, "loss", maxPoints, cancellationToken);
            store.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"series: phase=store median_ms={Median(store):F1}"));

        var scan = new List<double>();
        var connections = server.Services.GetRequiredService<ExperimentHub.Server.Data.SqliteConnectionFactory>();
        for (var i = 0; i < 5; i++)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT step, value FROM metric_points WHERE run_id = $run AND \"key\" = 'loss' ORDER BY step";
            command.Parameters.AddWithValue("$run", runId);
            var clock = Stopwatch.StartNew();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            double sum = 0;
            while (reader.Read())
            {
                sum += reader.GetInt64(0) + reader.GetDouble(1);
            }
            scan.Add(clock.Elapsed.TotalMilliseconds);
            GC.KeepAlive(sum);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"series: phase=bare_scan median_ms={Median(scan):F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"series: points={total} max_points={maxPoints} points_served={served} http_median_ms={Median(http):F1} store_median_ms={Median(store):F1} bare_scan_median_ms={Median(scan):F1} http_vs_bare_scan={Median(http) / Median(scan):F2} target_ms=150"));
    }

    private static async Task<int> GetAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return doc.RootElement.GetProperty("points").GetArrayLength();
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
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
