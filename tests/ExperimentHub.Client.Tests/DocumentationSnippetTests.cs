using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Client.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.Client.Tests;

/// <summary>
/// The README's snippets, run as a new user runs them: against a fresh server, from the repository root, with a key
/// made as the Keys page makes it. Only the run command's address and the key placeholder are swapped, so the
/// snippets cannot drift again.
/// </summary>
public sealed class DocumentationSnippetTests
{
    private const string RunCommandUrl = "http://127.0.0.1:5000";
    private const string ReadmeKeyPlaceholder = "ehk_xxxxxxxxxxxx_paste-the-key-from-the-keys-page";

    [Fact]
    public async Task Readme_python_quick_start_runs_as_written_on_a_fresh_server()
    {
        await using var server = await ExperimentHubServer.StartAsync(o => o.EnvironmentName = "Production");
        var key = await MakeEditorKeyAsync(server);

        var result = await RunPythonSnippetAsync(server, key, "python-train", "train.py");
        Assert.True(result.ExitCode == 0, result.Describe());

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

    [Fact]
    public async Task Readme_http_calls_run_as_written_after_the_quick_start()
    {
        await using var server = await ExperimentHubServer.StartAsync(o => o.EnvironmentName = "Production");
        var key = await MakeEditorKeyAsync(server);
        // The project the quick start's script made.
        using (var http = server.CreateClient(key))
        {
            using var project = await http.PostAsJsonAsync("api/v1/projects", new { key = "vision", name = "vision" });
            project.EnsureSuccessStatusCode();
        }

        var result = await RunSnippetAsync(server, key, ReadmeSnippets.Read("http-track"));
        Assert.True(result.ExitCode == 0, result.Describe());

        using var client = new ExperimentHubClient(server.Address, key);
        using var runs = server.CreateClient(key);
        using var list = JsonDocument.Parse(await runs.GetStringAsync("api/v1/projects/vision/runs"));
        var runId = Assert.Single(list.RootElement.GetProperty("runs").EnumerateArray()).GetProperty("id").GetInt64();
        var run = await client.GetRunAsync(runId);
        Assert.Equal(("from-curl", "completed"), (run.Name, run.Status));
        Assert.Equal([0.5, 0.3], (await client.GetSeriesAsync(runId, "loss", maxPoints: 1000)).Points.Select(p => p.Value));
    }

    [Fact]
    public async Task Readme_ask_tell_example_runs_as_written_on_a_fresh_server()
    {
        await using var server = await ExperimentHubServer.StartAsync(o => o.EnvironmentName = "Production");
        var key = await MakeEditorKeyAsync(server);

        var result = await RunPythonSnippetAsync(server, key, "python-ask-tell", "branin.py");
        Assert.True(result.ExitCode == 0, result.Describe());

        // The budget was spent by the loop, and the best trial printed: its parameters and its value.
        using var http = server.CreateClient(key);
        using var sweeps = JsonDocument.Parse(await http.GetStringAsync("api/v1/projects/demo/sweeps"));
        var sweep = Assert.Single(sweeps.RootElement.EnumerateArray());
        using var state = JsonDocument.Parse(await http.GetStringAsync($"api/v1/sweeps/{sweep.GetProperty("id").GetInt64()}"));
        Assert.Equal("completed", state.RootElement.GetProperty("status").GetString());
        Assert.Equal(30, state.RootElement.GetProperty("trialsCompleted").GetInt32());
        Assert.Contains("'value'", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>What a new user does on the Keys page: an editor key for no project, shown once.</summary>
    private static async Task<string> MakeEditorKeyAsync(ExperimentHubServer server)
    {
        using var admin = server.CreateAdminClient();
        using var made = await admin.PostAsJsonAsync("api/v1/keys", new { name = "readme", role = "editor" });
        made.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Saves the snippet as <paramref name="fileName"/> and runs it with the README's environment, from the repository root.</summary>
    private static async Task<ChildProcess.Result> RunPythonSnippetAsync(ExperimentHubServer server, string key, string snippet, string fileName)
    {
        using var work = new TemporaryDirectory("readme");
        await File.WriteAllTextAsync(Path.Combine(work.Path, fileName), ReadmeSnippets.Read(snippet));
        return await RunSnippetAsync(server, key, $"cd '{work.Path}' && python3 {fileName}");
    }

    /// <summary>Runs <paramref name="commands"/> in bash after the README's environment, from the repository root.</summary>
    private static Task<ChildProcess.Result> RunSnippetAsync(ExperimentHubServer server, string key, string commands)
    {
        var script = ReadmeSnippets.Read("python-environment")
            .Replace(RunCommandUrl, server.BaseUrl, StringComparison.Ordinal)
            .Replace(ReadmeKeyPlaceholder, key, StringComparison.Ordinal)
            + "\n" + commands + "\n";
        return ChildProcess.RunAsync("bash", ["-euo", "pipefail", "-c", script], RepositoryPaths.Root,
            new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" }, TimeSpan.FromMinutes(2));
    }
}
