using System.Text.Json;
using ExperimentHub.Client.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.Client.Tests;

/// <summary>
/// The README's snippets, run as a new user runs them: against a server that generated its own admin key (as the
/// run command's does) on a fresh data folder, from the repository root, with nothing set up beforehand. Only the
/// run command's address and data folder are swapped for this server's, so the snippets cannot drift again.
/// </summary>
public sealed class DocumentationSnippetTests
{
    private const string RunCommandUrl = "http://127.0.0.1:5000";
    private const string RunCommandDataDir = "src/ExperimentHub.Server/data";

    [Fact]
    public async Task Readme_python_quick_start_runs_as_written_on_a_fresh_server()
    {
        var environment = ReadmeSnippets.Read("python-environment");
        var train = ReadmeSnippets.Read("python-train");

        await using var server = await ExperimentHubServer.StartAsync(o =>
        {
            // No configured key: the server generates one and keeps it in its data folder, as the run command does.
            o.Settings["ExperimentHub:Bootstrap:AdminApiKey"] = null;
            o.EnvironmentName = "Production";
        });
        using var work = new TemporaryDirectory("readme");
        await File.WriteAllTextAsync(Path.Combine(work.Path, "train.py"), train);
        var script = environment
            .Replace(RunCommandUrl, server.BaseUrl, StringComparison.Ordinal)
            .Replace(RunCommandDataDir, server.DataDir, StringComparison.Ordinal)
            + $"\ncd '{work.Path}' && python3 train.py\n";

        var result = await ChildProcess.RunAsync("bash", ["-euo", "pipefail", "-c", script], RepositoryPaths.Root,
            new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" }, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.Describe());

        var key = (await File.ReadAllTextAsync(Path.Combine(server.DataDir, "admin-api-key"))).Trim();
        using var client = new ExperimentHubClient(server.Address, key);
        using var http = server.CreateClient(key);
        using var list = JsonDocument.Parse(await http.GetStringAsync("api/v1/projects/vision/runs"));
        var runId = Assert.Single(list.RootElement.GetProperty("runs").EnumerateArray()).GetProperty("id").GetInt64();
        var run = await client.GetRunAsync(runId);
        Assert.Equal("baseline", run.Name);
        Assert.Equal("completed", run.Status);
        Assert.Equal(100, (await client.GetSeriesAsync(runId, "loss", maxPoints: 1000)).Points.Count);
        Assert.Equal(100, (await client.GetSeriesAsync(runId, "accuracy", maxPoints: 1000)).Points.Count);
    }
}
