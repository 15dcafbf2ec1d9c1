using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExperimentHub.Cli.Commands;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Cli.Tests.Commands;

public sealed class SweepCommandTests : IDisposable
{
    private readonly SpecFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Invalid_spec_is_reported_with_file_line_and_column_and_nothing_is_sent()
    {
        var path = _files.Write("bad.yaml", """
            name: broken
            command: [python3, train.py]
            method: bayes
            objectives:
              - {metric: acc, goal: up}
            parameters:
              lr: {type: float, min: 1, max: 0.1}
            budget: {trials: 0}
            """);
        // A server that would refuse the connection: the spec must be refused before any call.
        var cli = new SweepCliHarness().With(SweepConnection.UrlVariable, ClosedPortUrl());

        var code = await cli.RunAsync("sweep", "submit", path);

        Assert.Equal(SweepExitCodes.Usage, code);
        Assert.Matches(new Regex($@"{Regex.Escape(path)}:5:\d+: objectives\[0\]\.goal: "), cli.Error);
        Assert.Matches(new Regex($@"{Regex.Escape(path)}:7:\d+: parameters\.lr\.min: "), cli.Error);
        Assert.Matches(new Regex($@"{Regex.Escape(path)}:8:\d+: budget\.trials: "), cli.Error);
        Assert.Contains("3 error(s) in the spec; nothing was submitted", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_syntax_error_is_reported_with_its_line()
    {
        var path = _files.Write("syntax.yaml", "name: x\ncommand: [python3\nmethod: random\n");
        var cli = new SweepCliHarness();
        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("sweep", "submit", path));
        Assert.Matches(new Regex($@"{Regex.Escape(path)}:\d+:\d+: "), cli.Error);
    }

    [Fact]
    public async Task Missing_spec_file_is_named()
    {
        var cli = new SweepCliHarness();
        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("sweep", "submit", "/nonexistent/spec.yaml"));
        Assert.Contains("/nonexistent/spec.yaml: no such file", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_server_option_or_variable_says_what_to_set()
    {
        var path = _files.Write("ok.yaml", SpecFiles.Valid);
        var cli = new SweepCliHarness();
        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("sweep", "submit", path));
        Assert.Contains("--server", cli.Error, StringComparison.Ordinal);
        Assert.Contains(SweepConnection.UrlVariable, cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_comes_from_the_environment_when_no_option_is_given()
    {
        var url = ClosedPortUrl();
        var cli = new SweepCliHarness().With(SweepConnection.UrlVariable, url);
        Assert.Equal(SweepExitCodes.Failed, await cli.RunAsync("sweep", "list"));
        Assert.Contains($"cannot reach the server at {url}/", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_option_wins_over_the_environment()
    {
        var fromEnvironment = ClosedPortUrl();
        var fromOption = ClosedPortUrl();
        var cli = new SweepCliHarness().With(SweepConnection.UrlVariable, fromEnvironment);
        Assert.Equal(SweepExitCodes.Failed, await cli.RunAsync("sweep", "stop", "7", "--server", fromOption));
        Assert.Contains($"cannot reach the server at {fromOption}/", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("not a url")]
    public async Task Server_that_is_not_an_http_url_is_refused(string url)
    {
        var cli = new SweepCliHarness();
        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("sweep", "list", "--server", url));
        Assert.Contains($"--server '{url}' is not an http:// or https:// URL", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_needs_a_positive_id()
    {
        var cli = new SweepCliHarness().With(SweepConnection.UrlVariable, ClosedPortUrl());
        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("sweep", "stop", "0"));
        Assert.Contains("'0' is not a sweep id", cli.Error, StringComparison.Ordinal);

        var words = new SweepCliHarness();
        Assert.NotEqual(SweepExitCodes.Ok, await words.RunAsync("sweep", "stop", "last"));
        Assert.Contains("last", words.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_format_must_be_csv_or_jsonl()
    {
        var cli = new SweepCliHarness();
        Assert.NotEqual(SweepExitCodes.Ok, await cli.RunAsync("export", "--format", "xml", "--server", ClosedPortUrl()));
        Assert.Contains("xml", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_line_shows_counts_against_the_budget_and_the_best_so_far()
    {
        var sweep = Sweep("running", completed: 5, failed: 1, running: 2, pending: 1) with
        {
            Objectives = [new SweepObjectiveDto("val_loss", "minimize")],
            Best = new TrialResultDto(41, 3, NoParams, new Dictionary<string, double> { ["val_loss"] = 0.0812345678, ["accuracy"] = 0.9 }),
        };
        Assert.Equal("running | 5/20 completed | 1 failed | 2 running | 1 pending | best val_loss=0.0812346 (trial 3)", SweepFollower.Describe(sweep));
    }

    [Fact]
    public void Progress_line_of_several_objectives_counts_the_pareto_set()
    {
        var trial = new TrialResultDto(1, 1, NoParams, new Dictionary<string, double>());
        var sweep = Sweep("completed", completed: 20, failed: 0, running: 0, pending: 0) with
        {
            Objectives = [new SweepObjectiveDto("accuracy", "maximize"), new SweepObjectiveDto("inference_ms", "minimize")],
            Pareto = [trial, trial with { RunId = 2, TrialNumber = 2 }],
        };
        Assert.Equal("completed | 20/20 completed | 0 failed | 0 running | Pareto set: 2 trial(s)", SweepFollower.Describe(sweep));
    }

    private static readonly JsonElement NoParams = JsonElement.Parse("{}");

    /// <summary>A sweep of 15 trials, extended by 5: the budget's trials count both.</summary>
    private static SweepDto Sweep(string status, int completed, int failed, int running, int pending) => new(
        7, "p", "s", status, null, "bayes", [], completed + failed + running + pending, completed, running, pending, failed, 0, 0,
        new SweepBudgetDto(20, 5, 4, null, 5), null, [], DateTimeOffset.UnixEpoch, null, null);

    /// <summary>An address where nothing listens: a port the OS handed out and that was closed again.</summary>
    private static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
