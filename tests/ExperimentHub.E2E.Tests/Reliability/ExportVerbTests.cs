using System.Globalization;
using System.Text.Json;
using ExperimentHub.Client;
using ExperimentHub.Contracts.Api;
using ExperimentHub.E2E.Tests.Infrastructure;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary><c>ehub export</c> as a real process against a real server: the run catalog lands in the file.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ExportVerbTests() : CliAgainstServerTests("ehub-export-")
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Export_writes_the_catalog_as_csv_and_jsonl_files()
    {
        var project = "export-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CreateProjectAsync(project, "export");
        var run = await Client.CreateRunAsync(project, "with, comma", new Dictionary<string, object?> { ["lr"] = 0.5, ["note"] = "say \"hi\"" });
        await Client.LogMetricsAsync(run.Id, [new MetricPointDto("loss", double.NaN, 1), new MetricPointDto("acc", 0.75, 1)]);
        await Client.FinishRunAsync(run.Id, "completed");
        var env = EhubCli.EnvironmentFor(Server);

        var csvPath = Path.Combine(Scratch.FullName, "runs.csv");
        var csv = await EhubCli.RunAsync(env, CliTimeout, "export", "--format", "csv", "-o", csvPath);
        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Contains("Exported the run catalog to", csv.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(csvPath + ".partial"));
        var lines = await File.ReadAllLinesAsync(csvPath);
        Assert.StartsWith("id,project,sweepId,trialNumber,name,status,", lines[0], StringComparison.Ordinal);
        Assert.Contains("param.lr", lines[0], StringComparison.Ordinal);
        Assert.Contains("metric.loss", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.StartsWith(run.Id.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
        Assert.Contains($",{project},", row, StringComparison.Ordinal);
        Assert.Contains("\"with, comma\"", row, StringComparison.Ordinal);
        Assert.Contains("\"say \"\"hi\"\"\"", row, StringComparison.Ordinal);
        Assert.Contains(",NaN", row, StringComparison.Ordinal);

        var jsonlPath = Path.Combine(Scratch.FullName, "runs.jsonl");
        var jsonl = await EhubCli.RunAsync(env, CliTimeout, "export", "--format", "jsonl", "--output", jsonlPath);
        Assert.True(jsonl.ExitCode == 0, jsonl.ToString());
        var objects = (await File.ReadAllLinesAsync(jsonlPath)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var exported = Assert.Single(objects, o => o.GetProperty("id").GetInt64() == run.Id);
        Assert.Equal("completed", exported.GetProperty("status").GetString());
        Assert.Equal(0.5, exported.GetProperty("params").GetProperty("lr").GetDouble());
        Assert.Equal("NaN", exported.GetProperty("metrics").GetProperty("loss").GetString());
        Assert.Equal(0.75, exported.GetProperty("metrics").GetProperty("acc").GetDouble());
    }

    [Fact]
    public async Task Export_with_a_wrong_key_fails_and_leaves_no_file()
    {
        var env = EhubCli.EnvironmentFor(Server);
        foreach (var key in env.Keys.Where(k => k.EndsWith("API_KEY", StringComparison.Ordinal)).ToList())
        {
            env[key] = "not-a-key";
        }
        var path = Path.Combine(Scratch.FullName, "refused.csv");
        var result = await EhubCli.RunAsync(env, CliTimeout, "export", "-o", path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }
}
