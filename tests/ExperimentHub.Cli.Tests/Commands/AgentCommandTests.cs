using System.Text.Json;
using ExperimentHub.Cli.Commands;
using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Cli.Tests.Commands;

public sealed class AgentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ehub-cli-agent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_agent_verb_runs_the_servers_trials_and_stops_on_cancel()
    {
        var state = new FakeDispatcher();
        state.Queue.Enqueue(new TrialAssignment(
            RunId: 5,
            SweepId: 1,
            TrialNumber: 1,
            Attempt: 1,
            Command: ["python3", "-c", "import sys; print('EXPERIMENTHUB step=0 lr=' + sys.argv[1].split('=')[1])", "${args}"],
            Workdir: null,
            Params: JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"lr": 0.25}""")!,
            Token: "t",
            ApiUrl: "http://127.0.0.1:1",
            GpuCount: 0,
            TimeoutSeconds: 60));
        await using var host = await StartHubAsync(state);
        var cli = new AgentCliHarness()
            .With(SweepConnection.UrlVariable, host.BaseUrl.ToString())
            .With(SweepConnection.KeyVariable, TestHubHost.ApiKey);
        using var stop = new CancellationTokenSource();

        var run = cli.RunAsync(stop.Token, "agent", "--slots", "2", "--gpus", "none", "--workdir", _dir, "--trials-dir", Path.Combine(_dir, "trials"), "--name", "cli-test");
        await WaitUntilAsync(() => !state.Ended.IsEmpty, "the trial's end from the agent", () => cli.Error);
        await stop.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Equal(TrialOutcome.Completed, state.Ended.Single().Outcome);
        Assert.Equal(0.25, state.Points.Single().Value);
        var registration = state.Registrations.Single();
        Assert.Equal(("cli-test", 2), (registration.Name, registration.Slots));
        Assert.Contains("Run 5 ended: Completed", cli.Error, StringComparison.Ordinal);
        Assert.Contains("ehub agent stopped", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_api_key_ends_the_agent_with_advice()
    {
        await using var host = await StartHubAsync(new FakeDispatcher());
        var cli = new AgentCliHarness();

        var exit = await cli.RunAsync("agent", "--server", host.BaseUrl.ToString(), "--api-key", "wrong", "--gpus", "none", "--workdir", _dir);

        Assert.Equal(1, exit);
        Assert.Contains("refused the API key (HTTP 401)", cli.Error, StringComparison.Ordinal);
        Assert.Contains("--api-key", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_server_the_agent_says_how_to_name_one()
    {
        var cli = new AgentCliHarness();

        Assert.Equal(2, await cli.RunAsync("agent"));
        Assert.Contains("--server URL or set EXPERIMENTHUB_API_URL", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gpus", "0,zero", "'zero' is not a GPU index")]
    [InlineData("--slots", "0", "--slots must be 1 or more")]
    [InlineData("--workdir", "/no/such/folder/ehub", "--workdir '/no/such/folder/ehub' does not exist")]
    [InlineData("--server", "ftp://host", "is not an http:// or https:// URL")]
    public async Task Bad_flags_are_refused_with_the_flag_named(string flag, string value, string message)
    {
        var cli = new AgentCliHarness().With(SweepConnection.UrlVariable, "http://127.0.0.1:1");

        var exit = await cli.RunAsync(flag == "--gpus" ? ["agent", flag, value] : ["agent", "--gpus", "none", flag, value]);

        Assert.Equal(2, exit);
        Assert.Contains(message, cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_comes_from_the_environment_and_cancel_stops_the_retries()
    {
        var port = FreePort.Next();
        var cli = new AgentCliHarness().With(SweepConnection.UrlVariable, $"http://127.0.0.1:{port}");
        using var stop = new CancellationTokenSource();

        var run = cli.RunAsync(stop.Token, "agent", "--gpus", "none", "--workdir", _dir);
        await WaitUntilAsync(() => cli.Error.Contains("Cannot connect", StringComparison.Ordinal), "the agent to report it cannot connect", () => cli.Error);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"127.0.0.1:{port}", cli.Error, StringComparison.Ordinal);
    }

    /// <summary>Waits for the condition; on timeout the error carries the agent's output, which says why.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string> log)
    {
        try
        {
            await Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + " Agent output:\n" + log(), ex);
        }
    }

    private static Task<TestHubHost> StartHubAsync(FakeDispatcher dispatcher) => TestHubHost.StartAgentHubAsync(dispatcher);
}
