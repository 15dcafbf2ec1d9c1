using System.Text.Json;
using ExperimentHub.Client.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.Client.Tests;

/// <summary>The standard-library Python client (clients/python), run by real python3 child processes.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class PythonClientTests(LiveServer server)
{
    private static readonly string ClientDir = Path.Combine(RepoRoot.Path, "clients", "python");

    [Fact]
    public async Task Python_unittest_suite_passes_against_the_server()
    {
        var result = await ChildProcess.RunAsync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"], ClientDir,
            new Dictionary<string, string>
            {
                ["EXPERIMENTHUB_TEST_URL"] = server.BaseUrl,
                ["EXPERIMENTHUB_TEST_KEY"] = server.AdminApiKey,
                ["PYTHONPATH"] = ClientDir,
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            }, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.Describe());
        // unittest reports to stderr; the live tests must have run, not been skipped for want of a server.
        Assert.DoesNotContain("skipped", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("OK", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_logging_through_the_python_client_is_seen_by_the_dotnet_client()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("pyscript");
        await client.CreateProjectAsync(key, "python script");
        const string script = """
            import experimenthub as eh
            run = eh.init(project="PROJECT", name="py-run", params={"lr": 0.003, "optimizer": "adam"})
            print(run.id, flush=True)
            for step in range(1200):
                eh.log({"loss": 1.0 / (step + 1)}, step=step)
            eh.log({"loss": float("nan")}, step=1200)
            eh.log({"loss": float("-inf")}, step=1201)
            """;
        var result = await ChildProcess.RunAsync("python3", ["-c", script.Replace("PROJECT", key, StringComparison.Ordinal)], ClientDir,
            new Dictionary<string, string>
            {
                ["EXPERIMENTHUB_API_URL"] = server.BaseUrl,
                ["EXPERIMENTHUB_API_KEY"] = server.AdminApiKey,
                ["PYTHONPATH"] = ClientDir,
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            }, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.Describe());

        var runId = long.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var run = await client.GetRunAsync(runId);
        Assert.Equal("completed", run.Status);
        Assert.Equal("py-run", run.Name);
        Assert.Equal(0.003, run.Params.GetProperty("lr").GetDouble());
        Assert.Equal(JsonValueKind.String, run.Params.GetProperty("optimizer").ValueKind);

        var series = await client.GetSeriesAsync(runId, "loss", maxPoints: 5000);
        Assert.Equal(1202, series.Points.Count);
        Assert.True(double.IsNaN(series.Points[1200].Value));
        Assert.Equal(double.NegativeInfinity, series.Points[1201].Value);
    }
}
