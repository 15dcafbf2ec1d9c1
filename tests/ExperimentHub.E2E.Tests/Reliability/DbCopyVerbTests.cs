using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Copy;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Databases;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// <c>ehub db copy</c>, the real tool: a store a real server made on SQLite moves to a real PostgreSQL 15 database,
/// continuing a copy that was cut off, checking its counts; a server then runs on the copy. Bad input gets one line.
/// </summary>
public sealed class DbCopyVerbTests
{
    private const int PointsPerKey = 2_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_servers_sqlite_store_moves_to_postgres_resuming_a_cut_off_copy_and_a_server_runs_on_the_copy()
    {
        using var data = new TemporaryDirectory("dbcopy");
        var runIds = new List<long>();
        await using (var server = await ExperimentHubServer.StartAsync(o => o.DataDir = data.Path))
        {
            using var client = server.CreateAdminClient();
            (await client.PostAsJsonAsync("/api/v1/projects", new { key = "moving", name = "Moving" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/keys", new { name = "ci", role = "editor", project = "moving" })).EnsureSuccessStatusCode();
            for (var i = 0; i < 3; i++)
            {
                using var created = await client.PostAsJsonAsync("/api/v1/projects/moving/runs", new { name = $"run {i}", @params = new { lr = 0.1 * (i + 1) } });
                created.EnsureSuccessStatusCode();
                using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
                var id = body.RootElement.GetProperty("id").GetInt64();
                runIds.Add(id);
                var points = Enumerable.Range(0, PointsPerKey).SelectMany(s => new object[]
                {
                    new { key = "loss", value = 1.0 / (s + 1), step = s },
                    new { key = "accuracy", value = s / (double)PointsPerKey, step = s },
                });
                (await client.PostAsJsonAsync($"/api/v1/runs/{id}/metrics", new { points })).EnsureSuccessStatusCode();
                (await client.PutAsync($"/api/v1/runs/{id}/artifacts/model.txt", new StringContent($"model {i}"))).EnsureSuccessStatusCode();
                (await client.PostAsJsonAsync($"/api/v1/runs/{id}/finish", new { status = "completed", summary = new { accuracy = 0.9 } })).EnsureSuccessStatusCode();
            }
        }
        var target = await (await PostgresCluster.SharedAsync()).DatabaseAsync("ehub_copy_" + Guid.NewGuid().ToString("N")[..12]);

        // A copy cut off midway through the points (as by Ctrl+C): the target holds part of them.
        var source = new StoreDatabase(DatabaseProvider.Sqlite, SqliteConnectionFactory.ConnectionStringFor(Path.Combine(data.Path, "experimenthub.db")));
        using (var cut = new CancellationTokenSource())
        {
            var first = new StoreCopier(source, new StoreDatabase(DatabaseProvider.Postgres, target), chunkSize: 1_000)
            {
                Progress = (table, rows) =>
                {
                    if (table == "metric_points" && rows >= 3_000)
                    {
                        cut.Cancel();
                    }
                },
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.CopyAsync(cut.Token));
            var points = (await first.CountAsync(CancellationToken.None)).Single(c => c.Table == "metric_points");
            Assert.InRange(points.Target, 3_000, points.Source - 1);
        }

        var copy = await EhubCli.RunAsync(new Dictionary<string, string>(), Timeout, "db", "copy", "--to", "postgres:" + target, "--data-dir", data.Path);

        Assert.True(copy.ExitCode == 0, copy.ToString());
        Assert.Contains($"metric_points: source {3 * 2 * PointsPerKey}, target {3 * 2 * PointsPerKey}", copy.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("runs: source 3, target 3", copy.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("artifacts: source 3, target 3", copy.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("every count matches", copy.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", copy.StandardOutput, StringComparison.Ordinal);

        // A second run finds everything there: nothing more to copy, the counts still match.
        var again = await EhubCli.RunAsync(new Dictionary<string, string>(), Timeout, "db", "copy", "--to", "postgres:" + target, "--data-dir", data.Path);
        Assert.True(again.ExitCode == 0, again.ToString());

        // A server on the copy (the artifacts' files stay in the data folder) serves the runs, their series and
        // artifacts, and makes new runs after them.
        await using var moved = await ExperimentHubServer.StartAsync(o =>
        {
            o.DataDir = data.Path;
            o.Settings["ExperimentHub:Database:Provider"] = "postgres";
            o.Settings["ExperimentHub:Database:ConnectionString"] = target;
        });
        using var api = moved.CreateAdminClient();
        using (var series = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/runs/{runIds[2]}/metrics/loss?maxPoints=100000")))
        {
            Assert.Equal(PointsPerKey, series.RootElement.GetProperty("points").GetArrayLength());
        }
        Assert.Equal("model 1", await api.GetStringAsync($"/api/v1/runs/{runIds[1]}/artifacts/model.txt"));
        using var next = await api.PostAsJsonAsync("/api/v1/projects/moving/runs", new { name = "after the move" });
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        using var nextBody = JsonDocument.Parse(await next.Content.ReadAsStringAsync());
        Assert.True(nextBody.RootElement.GetProperty("id").GetInt64() > runIds.Max());
    }

    [Theory]
    [InlineData("mysql:Server=127.0.0.1", "'mysql' is not a database to copy to")]
    [InlineData("postgres:", "ConnectionString is empty")]
    public async Task A_target_that_is_not_a_server_database_is_refused_in_one_line(string to, string expected)
    {
        using var data = new TemporaryDirectory("dbcopy-bad");
        var result = await EhubCli.RunAsync(new Dictionary<string, string>(), Timeout, "db", "copy", "--to", to, "--data-dir", data.Path);

        AssertOneLineRefusal(result, expected);
    }

    [Fact]
    public async Task A_data_folder_without_a_store_is_refused_in_one_line_and_left_as_it_was()
    {
        using var data = new TemporaryDirectory("dbcopy-empty");
        var target = await (await PostgresCluster.SharedAsync()).DatabaseAsync("ehub_copy_" + Guid.NewGuid().ToString("N")[..12]);

        var result = await EhubCli.RunAsync(new Dictionary<string, string>(), Timeout, "db", "copy", "--to", "postgres:" + target, "--data-dir", data.Path);

        AssertOneLineRefusal(result, "there is no SQLite store at");
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_refused_in_one_line()
    {
        using var data = new TemporaryDirectory("dbcopy-unreachable");
        await using (var server = await ExperimentHubServer.StartAsync(o => o.DataDir = data.Path))
        {
            (await server.CreateAdminClient().GetAsync("/healthz")).EnsureSuccessStatusCode();
        }
        var to = $"postgres:Host=127.0.0.1;Port={ExperimentHub.Testing.FreePort.Next()};Database=ehub;Username=postgres;Timeout=5";

        var result = await EhubCli.RunAsync(new Dictionary<string, string>(), Timeout, "db", "copy", "--to", to, "--data-dir", data.Path);

        AssertOneLineRefusal(result, "does not answer");
    }

    private static void AssertOneLineRefusal(EhubCli.Result result, string expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("ehub db copy: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
