using System.Text.Json;
using ExperimentHub.Agent.Gpus;
using ExperimentHub.Agent.Runners;
using ExperimentHub.Agent.SignalR;
using ExperimentHub.Testing;
using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ExperimentHub.Agent.Tests.Runners;

public sealed class AgentRunnerTests : IAsyncLifetime
{
    private readonly FakeDispatcher _dispatcher = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ehub-agent-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private TestHubHost _host = null!;
    private AgentRunner? _agent;
    private Task? _run;

    public async Task InitializeAsync() => _host = await StartHostAsync(0);

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Runs_trials_concurrently_up_to_its_slots_and_reports_them()
    {
        for (var run = 1; run <= 5; run++)
        {
            _dispatcher.Queue.Enqueue(Assignment(run, $"""
                import time, os
                print("EXPERIMENTHUB step=1 loss=0.5 run={run}")
                print("EXPERIMENTHUB step=2 loss=nan")
                print("run id", os.environ["EXPERIMENTHUB_RUN_ID"])
                time.sleep(0.3)
                """));
        }

        await StartAgentAsync(o => o with { Slots = 2 });
        await Eventually.TrueAsync(() => _dispatcher.Ended.Count == 5, "all five trials have ended");

        Assert.All(_dispatcher.Ended, e => Assert.Equal(TrialOutcome.Completed, e.Outcome));
        Assert.InRange(_dispatcher.MaxRunning, 1, 2);
        Assert.Equal(5, _dispatcher.Started.Count);
        await Eventually.TrueAsync(() => _dispatcher.Points.Count == 15, "every metric point arrived");
        Assert.Equal(5, _dispatcher.Points.Count(p => p.Key == "loss" && double.IsNaN(p.Value) && p.Step == 2));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (double)i), _dispatcher.Points.Where(p => p.Key == "run").Select(p => p.Value).Order());
        Assert.Contains("run id 3", _dispatcher.Lines);
        var registration = Assert.Single(_dispatcher.Registrations);
        Assert.Equal(2, registration.Slots);
        Assert.Equal("test-agent", registration.Name);
        Assert.True(registration.CpuCount > 0 && registration.MemoryBytes > 0);
    }

    [Fact]
    public async Task Batches_fit_the_servers_default_message_limit()
    {
        await _host.DisposeAsync();
        // SignalR's default: a message over 32 KB closes the connection.
        _host = await StartHostAsync(0, maximumReceiveMessageSize: 32 * 1024);
        _dispatcher.Queue.Enqueue(Assignment(8, """
            for i in range(300): print("é" * 2000)
            key = "k" * 200
            for i in range(500): print(f"EXPERIMENTHUB step={i} {key}=1.5")
            """));

        await StartAgentAsync(o => o with { FlushInterval = TimeSpan.FromSeconds(1) });
        await Eventually.TrueAsync(() => !_dispatcher.Ended.IsEmpty, "the trial ended");
        await Eventually.TrueAsync(() => _dispatcher.Points.Count == 500, "every point arrived");

        Assert.Equal(TrialOutcome.Completed, _dispatcher.Ended.Single().Outcome);
        Assert.Equal(300, _dispatcher.Lines.Count(l => l.StartsWith('é')));
        Assert.Equal(0, _agent!.Reconnects);
    }

    [Fact]
    public async Task A_report_that_always_breaks_the_connection_is_dropped_not_retried_forever()
    {
        await _host.DisposeAsync();
        _host = await StartHostAsync(0, maximumReceiveMessageSize: 32 * 1024);
        _dispatcher.Queue.Enqueue(Assignment(9, "for i in range(100): print('x' * 2000)"));

        // Unlimited batches: the 200 KB of lines go out as one message, which the server always refuses.
        await StartAgentAsync(o => o with { MaxBatchBytes = 1 << 20, FlushInterval = TimeSpan.FromSeconds(5) });

        // Five refused sends, each closing the connection and reconnecting, come first: on a loaded 2-core machine
        // (CI runs the test assemblies side by side) that takes longer than the usual wait.
        await Eventually.TrueAsync(() => !_dispatcher.Ended.IsEmpty, "the trial's end gets through", TimeSpan.FromSeconds(60));
        var end = _dispatcher.Ended.Single();
        Assert.Equal(TrialOutcome.Completed, end.Outcome);
        Assert.StartsWith("…", end.LogTail, StringComparison.Ordinal);
        Assert.EndsWith(new string('x', 2000) + "\n", end.LogTail, StringComparison.Ordinal);
        // The agent counts a reconnect once it has registered again on the new connection: wait for the count.
        await Eventually.TrueAsync(() => _agent!.Reconnects >= 5, "five reconnects before the report was dropped");
    }

    [Fact]
    public async Task One_agent_runs_one_trial_per_gpu_each_with_its_own_device()
    {
        var smi = Path.Combine(_dir, "nvidia-smi");
        File.WriteAllText(smi, "#!/bin/sh\necho '0, GPU-aaa, NVIDIA H200, 143771'\necho '1, GPU-bbb, NVIDIA H200, 143771'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(smi, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var go = Path.Combine(_dir, "go");
        for (var run = 1; run <= 2; run++)
        {
            _dispatcher.Queue.Enqueue(Assignment(run, $"""
                import os, time
                print("EXPERIMENTHUB gpu=" + os.environ["CUDA_VISIBLE_DEVICES"])
                while not os.path.exists({JsonSerializer.Serialize(go)}): time.sleep(0.02)
                """, gpuCount: 1));
        }

        await StartAgentAsync(o => o with { Gpus = GpuSelection.Auto, NvidiaSmiPath = smi, Slots = null });
        await Eventually.TrueAsync(() => _dispatcher.Points.Count == 2, "both trials report their GPU");
        File.WriteAllText(go, "");
        await Eventually.TrueAsync(() => _dispatcher.Ended.Count == 2, "both trials end");

        Assert.Equal(2, _agent!.Slots);
        Assert.Equal([0.0, 1.0], _dispatcher.Points.Select(p => p.Value).Order());
        Assert.Equal(2, _dispatcher.MaxRunning);
        Assert.Equal(["GPU-aaa", "GPU-bbb"], Assert.Single(_dispatcher.Registrations).Gpus.Select(g => g.Uuid));
        Assert.Contains(_dispatcher.Started, s => s.GpuIndices.SequenceEqual([0]));
        Assert.Contains(_dispatcher.Started, s => s.GpuIndices.SequenceEqual([1]));
    }

    [Fact]
    public async Task Work_available_wakes_an_idle_agent_at_once()
    {
        await StartAgentAsync(o => o with { WorkPollInterval = TimeSpan.FromMinutes(10) });
        await Eventually.TrueAsync(() => !_dispatcher.WorkRequests.IsEmpty, "the agent asked for work once");

        _dispatcher.Queue.Enqueue(Assignment(9, "print('woken')"));
        await _host.Services.GetRequiredService<IHubContext<FakeAgentHub, IAgentClient>>().Clients.All.WorkAvailable();

        await Eventually.TrueAsync(() => _dispatcher.Ended.Any(e => e.RunId == 9), "the trial ran");
        Assert.Equal(TrialOutcome.Completed, _dispatcher.Ended.Single().Outcome);
    }

    [Fact]
    public async Task A_stop_from_the_server_stops_the_trial()
    {
        _dispatcher.Queue.Enqueue(Assignment(4, "import time\nprint('training', flush=True)\ntime.sleep(1000)"));
        await StartAgentAsync();
        await Eventually.TrueAsync(() => _dispatcher.Lines.Contains("training"), "the trial is training");

        await _host.Services.GetRequiredService<IHubContext<FakeAgentHub, IAgentClient>>().Clients.All.StopTrial(new StopTrial(4, "pruned by ASHA"));

        await Eventually.TrueAsync(() => !_dispatcher.Ended.IsEmpty, "the stopped trial is reported");
        var end = _dispatcher.Ended.Single();
        Assert.Equal(TrialOutcome.Stopped, end.Outcome);
        Assert.Contains("pruned by ASHA", end.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crashes_and_bad_commands_are_failed_trials_not_a_broken_agent()
    {
        _dispatcher.Queue.Enqueue(Assignment(1, "import sys\nprint('bad things', file=sys.stderr)\nsys.exit(3)"));
        _dispatcher.Queue.Enqueue(Assignment(2, "") with { Command = ["no-such-trainer-ehub"] });
        _dispatcher.Queue.Enqueue(Assignment(3, "print('fine')"));
        _dispatcher.Queue.Enqueue(Assignment(4, "print('never')") with { Command = ["python3", "${missing}"] });

        await StartAgentAsync();
        await Eventually.TrueAsync(() => _dispatcher.Ended.Count == 4, "four trials reported");

        var ends = _dispatcher.Ended.ToDictionary(e => e.RunId);
        Assert.Equal((TrialOutcome.Failed, 3), (ends[1].Outcome, ends[1].ExitCode));
        Assert.Contains("bad things", ends[1].LogTail, StringComparison.Ordinal);
        Assert.Equal((TrialOutcome.Failed, (int?)null), (ends[2].Outcome, ends[2].ExitCode));
        Assert.Contains("not found on the PATH", ends[2].Error, StringComparison.Ordinal);
        Assert.Equal(TrialOutcome.Completed, ends[3].Outcome);
        Assert.Contains("${missing}", ends[4].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_name_the_running_trials()
    {
        _dispatcher.HeartbeatSeconds = 1;
        _dispatcher.Queue.Enqueue(Assignment(12, "import time\ntime.sleep(1000)"));

        await StartAgentAsync();

        await Eventually.TrueAsync(() => _dispatcher.Heartbeats.Any(h => h.RunningRunIds.Contains(12)), "a heartbeat names run 12");
    }

    /// <summary>
    /// Starts the agent on one trial that reports step 1, then waits for a file before step 2 (and <paramref name="atEnd"/>,
    /// a line of Python): the file's path, written when the test lets the trial end.
    /// </summary>
    private async Task<string> StartTrialThatWaitsForGoAsync(long runId, string atEnd = "")
    {
        var go = Path.Combine(_dir, "go");
        _dispatcher.Queue.Enqueue(Assignment(runId, $"""
            import os, time
            print("EXPERIMENTHUB step=1 loss=1.0", flush=True)
            while not os.path.exists({JsonSerializer.Serialize(go)}): time.sleep(0.02)
            print("EXPERIMENTHUB step=2 loss=0.5")
            {atEnd}
            """));
        await StartAgentAsync();
        await Eventually.TrueAsync(() => _dispatcher.Points.Any(p => p.Step == 1), "the trial reported its first step");
        return go;
    }

    [Fact]
    public async Task After_a_server_restart_the_agent_reattaches_and_its_trial_finishes()
    {
        var go = await StartTrialThatWaitsForGoAsync(21);
        var port = _host.Port;

        await _host.DisposeAsync();
        _host = await StartHostAsync(port);
        await Eventually.TrueAsync(() => _dispatcher.Reattaches.Any(r => r.Contains(21)), "the agent reattaches run 21");
        File.WriteAllText(go, "");

        await Eventually.TrueAsync(() => !_dispatcher.Ended.IsEmpty, "the trial's end reaches the new server");
        AssertTheTrialRanOnceAcrossReconnects(21);
    }

    [Fact]
    public async Task An_agent_that_reaches_the_stopping_server_registers_there_and_again_with_the_new_one()
    {
        // A stopping server closes its hub connections first and stops listening later: an agent that reconnects in
        // between registers with it, and once more with the server that comes next. Three registrations, one trial.
        var go = await StartTrialThatWaitsForGoAsync(23);
        var port = _host.Port;

        // Held between the two: stopping (its connections closed) and still listening.
        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await Eventually.TrueAsync(() => _dispatcher.Reattaches.Count == 1, "the agent registers with the stopping server and reattaches run 23");
        await _host.DisposeAsync();
        _host = await StartHostAsync(port);
        await Eventually.TrueAsync(() => _dispatcher.Reattaches.Count == 2, "the agent registers with the new server and reattaches run 23");
        File.WriteAllText(go, "");

        await Eventually.TrueAsync(() => !_dispatcher.Ended.IsEmpty, "the trial's end reaches the new server");
        Assert.Equal(3, _dispatcher.Registrations.Count);
        AssertTheTrialRanOnceAcrossReconnects(23);
    }

    [Fact]
    public async Task A_trial_that_ends_while_the_server_is_down_is_reported_after_the_agent_registers_and_reattaches()
    {
        var go = await StartTrialThatWaitsForGoAsync(22, "print(\"finished while the server was away\")");
        var port = _host.Port;

        await _host.DisposeAsync();
        File.WriteAllText(go, "");
        await Eventually.TrueAsync(() => _agent!.RunningRunIds.Count == 0, "the trial ends while the server is down");
        _host = await StartHostAsync(port);

        await Eventually.TrueAsync(() => !_dispatcher.Ended.IsEmpty, "the trial's end reaches the new server");
        Assert.Contains("finished while the server was away", _dispatcher.Lines);
        AssertTheTrialRanOnceAcrossReconnects(22);
    }

    [Fact]
    public async Task The_agent_sends_its_key_as_the_bearer_token()
    {
        await StartAgentAsync();
        await Eventually.TrueAsync(() => !_dispatcher.Registrations.IsEmpty, "the agent registered");

        // The negotiate request and the WebSocket request both carry it.
        Assert.True(_host.HubAuthorizations.Count >= 2);
        Assert.All(_host.HubAuthorizations, header => Assert.Equal("Bearer " + TestHubHost.ApiKey, header));
    }

    [Fact]
    public async Task A_trial_the_server_gave_away_is_stopped_and_not_reported()
    {
        _dispatcher.Queue.Enqueue(Assignment(31, "import time\nprint('up', flush=True)\ntime.sleep(1000)"));
        await StartAgentAsync();
        await Eventually.TrueAsync(() => _dispatcher.Lines.Contains("up"), "the trial runs");
        _dispatcher.MayKeep = _ => false;
        var port = _host.Port;

        await _host.DisposeAsync();
        _host = await StartHostAsync(port);

        await Eventually.TrueAsync(() => _dispatcher.Reattaches.Any(r => r.Contains(31)), "the agent tries to reattach run 31");
        await Eventually.TrueAsync(() => _agent!.RunningRunIds.Count == 0, "the agent stopped the trial");
        // The agent asks for work once the slot is free again, after it would have reported the end.
        var requests = _dispatcher.WorkRequests.Count;
        await Eventually.TrueAsync(() => _dispatcher.WorkRequests.Count > requests, "the agent asks for new work");
        Assert.Empty(_dispatcher.Ended);
    }

    [Fact]
    public async Task Shutdown_stops_running_trials_and_reports_them()
    {
        _dispatcher.Queue.Enqueue(Assignment(41, "import time\nprint('busy', flush=True)\ntime.sleep(1000)"));
        await StartAgentAsync();
        await Eventually.TrueAsync(() => _dispatcher.Lines.Contains("busy"), "the trial runs");

        await _stop.CancelAsync();
        await Eventually.ResultAsync(_run!.ContinueWith(_ => true, TaskScheduler.Default), "the agent to shut down");

        Assert.True(_run.IsCompletedSuccessfully);
        var end = Assert.Single(_dispatcher.Ended);
        Assert.Equal(TrialOutcome.Stopped, end.Outcome);
        Assert.Contains("shutting down", end.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_ends_the_agent_with_a_clear_error()
    {
        await using var agent = await AgentRunner.CreateAsync(Options() with { ApiKey = "nope" });

        var error = await Assert.ThrowsAsync<HubConnectionException>(() => agent.RunAsync(CancellationToken.None));

        Assert.Contains("refused the API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_are_refused_before_connecting()
    {
        var slots = await Assert.ThrowsAsync<ArgumentException>(() => AgentRunner.CreateAsync(Options() with { Slots = 0 }));
        var workdir = await Assert.ThrowsAsync<ArgumentException>(() => AgentRunner.CreateAsync(Options() with { Workdir = Path.Combine(_dir, "missing") }));
        var gpus = await Assert.ThrowsAsync<ArgumentException>(() => AgentRunner.CreateAsync(Options() with { Gpus = GpuSelection.Parse("3"), NvidiaSmiPath = Path.Combine(_dir, "none") }));

        Assert.Contains("--slots", slots.Message, StringComparison.Ordinal);
        Assert.Contains("--workdir", workdir.Message, StringComparison.Ordinal);
        Assert.Contains("GPU 3", gpus.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a server restart must leave, however many connections it took (a reconnect may land on the stopping
    /// server first): the trial started once and ended once, completed, with its later metrics; every connection
    /// registered the one agent first and reattached next; and the agent is registered on the last connection, the
    /// one that reported the end and that reattached.
    /// </summary>
    private void AssertTheTrialRanOnceAcrossReconnects(long runId)
    {
        var calls = DescribeCalls();
        Assert.True(_dispatcher.Started.Where(s => s.RunId == runId).Select(s => s.Pid).Distinct().Count() == 1, calls);
        var end = Assert.Single(_dispatcher.Ended);
        Assert.Equal((runId, TrialOutcome.Completed), (end.RunId, end.Outcome));
        Assert.Contains(_dispatcher.Points, p => p.Step == 2);
        Assert.Single(_dispatcher.Registrations.Select(r => r.InstanceId).Distinct());
        var connections = _dispatcher.CallsByConnection;
        Assert.True(connections.Count >= 2, calls);
        Assert.True(connections.Count == _dispatcher.Registrations.Count, calls);
        Assert.All(connections, c => Assert.Equal(AgentHubMethods.Register, c[0]));
        // A connection cut right after Register (the stopping server went) holds nothing else; any other reattached next.
        Assert.All(connections.Skip(1), c => Assert.True(c.Count == 1 || c[1] == AgentHubMethods.Reattach, calls));
        Assert.All(_dispatcher.Reattaches, r => Assert.True(r.All(id => id == runId), calls));
        Assert.Equal([AgentHubMethods.Register, AgentHubMethods.Reattach], connections[^1].Take(2));
        Assert.Contains(AgentHubMethods.EndTrialAndRequestWork, connections[^1]);
        Assert.Equal(_dispatcher.Calls.Last(c => c.Method == AgentHubMethods.EndTrialAndRequestWork).ConnectionId, _agent!.RegisteredConnectionId);
    }

    private string DescribeCalls() => string.Join(" | ", _dispatcher.CallsByConnection.Select(c => string.Join(",", c)));

    private AgentOptions Options() => new()
    {
        ServerUrl = _host.BaseUrl,
        ApiKey = TestHubHost.ApiKey,
        Name = "test-agent",
        Slots = 1,
        Gpus = GpuSelection.None,
        Workdir = _dir,
        TrialsDir = Path.Combine(_dir, "trials"),
        StopGracePeriod = TimeSpan.FromSeconds(2),
        WorkPollInterval = TimeSpan.FromMilliseconds(200),
        FlushInterval = TimeSpan.FromMilliseconds(50),
        Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(300) },
    };

    [Fact]
    public async Task A_repository_that_cannot_be_fetched_is_reported_as_a_setup_failure_not_as_the_trials_end()
    {
        var missing = Path.Combine(_dir, "no-such-repository");
        foreach (var run in new long[] { 21, 22 })
        {
            _dispatcher.Queue.Enqueue(Assignment(run, "print('never runs')") with { Code = new TrialCode(missing, "main", null, ["sh", "install.sh"]) });
        }

        await StartAgentAsync(o => o with { Slots = 2 });
        await Eventually.TrueAsync(() => _dispatcher.SetupFailures.Count == 2, "both trials to be handed back");

        Assert.All(_dispatcher.SetupFailures, f => Assert.StartsWith($"cannot fetch {missing} at main: git fetch failed", f.Reason, StringComparison.Ordinal));
        Assert.All(_dispatcher.SetupFailures, f => Assert.Contains("does not appear to be a git repository", f.Log, StringComparison.Ordinal));
        Assert.Equal([21L, 22L], _dispatcher.SetupFailures.Select(f => f.RunId).Order());
        Assert.Empty(_dispatcher.Started);
        Assert.Empty(_dispatcher.Ended);
        Assert.Contains(_dispatcher.Lines, l => l.StartsWith("[setup] $ git fetch", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => _agent!.RunningRunIds.Count == 0, "the slots to be free again");
    }

    private async Task StartAgentAsync(Func<AgentOptions, AgentOptions>? configure = null)
    {
        var options = Options();
        _agent = await AgentRunner.CreateAsync(configure is null ? options : configure(options));
        _run = Task.Run(() => _agent.RunAsync(_stop.Token));
    }

    private static TrialAssignment Assignment(long runId, string script, int gpuCount = 0) => new(
        RunId: runId,
        SweepId: 1,
        TrialNumber: (int)runId,
        Attempt: 1,
        Command: ["python3", "-c", script, "${args}"],
        Workdir: null,
        Params: JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"lr": 0.1}""")!,
        Token: "token-" + runId,
        ApiUrl: "http://127.0.0.1:1",
        GpuCount: gpuCount,
        TimeoutSeconds: 0);

    private Task<TestHubHost> StartHostAsync(int port, long? maximumReceiveMessageSize = null) =>
        TestHubHost.StartAgentHubAsync(_dispatcher, port, maximumReceiveMessageSize is null ? null : o => o.MaximumReceiveMessageSize = maximumReceiveMessageSize);
}
