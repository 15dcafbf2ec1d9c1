using ExperimentHub.Agent.SignalR;
using ExperimentHub.Agent.Tests.Hosting;
using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Agent.Tests.SignalR;

public sealed class HubConnectionTests : IAsyncLifetime
{
    private readonly SilentServer _silent = new();
    private TestHubHost _host = null!;

    public async Task InitializeAsync() => _host = await StartHostAsync(port: 0);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Invocation_returns_the_hub_methods_result()
    {
        await using var connection = Connect();
        await connection.StartAsync(CancellationToken.None);

        Assert.Equal(5, await connection.InvokeAsync<int>("Add", [2, 3]));
        Assert.Equal("héllo", await connection.InvokeAsync<string>("Echo", ["héllo"]));
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Concurrent_invocations_each_get_their_own_result()
    {
        await using var connection = Connect();
        await connection.StartAsync(CancellationToken.None);

        var calls = Enumerable.Range(0, 200).Select(i => connection.InvokeAsync<int>("Add", [i, 1000])).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1000, 200), results);
    }

    [Fact]
    public async Task A_failing_hub_method_raises_its_error()
    {
        await using var connection = Connect();
        await connection.StartAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<HubInvocationException>(() => connection.InvokeAsync("Fail", []));
        Assert.Contains("the test hub refuses", error.Message, StringComparison.Ordinal);
        // The connection survives a failed call.
        Assert.Equal(3, await connection.InvokeAsync<int>("Add", [1, 2]));
    }

    [Fact]
    public async Task Server_calls_reach_the_registered_handler()
    {
        await using var connection = Connect();
        var received = new List<StopTrial>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<StopTrial>(AgentHubMethods.StopTrial, stop =>
        {
            lock (received)
            {
                received.Add(stop);
                if (received.Count == 3)
                {
                    all.TrySetResult();
                }
            }
            return Task.CompletedTask;
        });
        await connection.StartAsync(CancellationToken.None);

        await connection.InvokeAsync("CallMeBack", ["early stopping", 3]);
        await Eventually.ResultAsync(all.Task.ContinueWith(_ => true, TaskScheduler.Default), "three StopTrial calls");

        Assert.Equal([0L, 1L, 2L], received.Select(r => r.RunId).Order());
        Assert.All(received, r => Assert.Equal("early stopping", r.Reason));
    }

    [Fact]
    public async Task Large_messages_cross_many_frames_both_ways()
    {
        await using var connection = Connect(o => o with { SendFrameBytes = 4096 });
        await connection.StartAsync(CancellationToken.None);
        var text = string.Concat(Enumerable.Range(0, 150_000).Select(i => (char)('a' + (i % 26))));

        var echoed = await connection.InvokeAsync<string>("Echo", [text]);
        var big = await connection.InvokeAsync<string>("Big", [3_000_000]);

        Assert.Equal(text, echoed);
        Assert.Equal(new string('x', 3_000_000), big);
    }

    [Fact]
    public async Task NaN_infinities_and_outcomes_round_trip_through_the_hub()
    {
        await using var connection = Connect();
        await connection.StartAsync(CancellationToken.None);
        var when = DateTimeOffset.UtcNow;
        var report = new MetricReport(7, [
            new MetricReportPoint("loss", 1, double.NaN, when),
            new MetricReportPoint("loss", 2, double.PositiveInfinity, when),
            new MetricReportPoint("loss", 3, double.NegativeInfinity, when),
            new MetricReportPoint("acc", 3, 0.25, when)]);

        var back = await connection.InvokeAsync<MetricReport>("EchoMetrics", [report]);
        var end = await connection.InvokeAsync<TrialEnd>("EchoEnd", [new TrialEnd(7, TrialOutcome.TimedOut, null, "too slow", "tail")]);

        Assert.True(double.IsNaN(back.Points[0].Value));
        Assert.Equal(double.PositiveInfinity, back.Points[1].Value);
        Assert.Equal(double.NegativeInfinity, back.Points[2].Value);
        Assert.Equal(0.25, back.Points[3].Value);
        Assert.Equal(TrialOutcome.TimedOut, end.Outcome);
    }

    [Fact]
    public async Task Skipping_negotiation_connects_straight_to_the_websocket()
    {
        await using var connection = Connect(o => o with { SkipNegotiation = true });
        await connection.StartAsync(CancellationToken.None);

        Assert.Equal(9, await connection.InvokeAsync<int>("Add", [4, 5]));
    }

    [Fact]
    public async Task The_token_may_travel_in_the_query_string()
    {
        await using var connection = Connect(o => o with { AccessTokenInQuery = true });
        await connection.StartAsync(CancellationToken.None);

        Assert.Equal(2, await connection.InvokeAsync<int>("Add", [1, 1]));
    }

    [Fact]
    public async Task A_wrong_api_key_fails_at_once_and_says_so()
    {
        await using var connection = Connect(o => o with { AccessToken = "wrong" });

        var error = await Assert.ThrowsAsync<HubConnectionException>(() => connection.StartAsync(CancellationToken.None));

        Assert.True(error.IsFatal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_hub_path_fails_at_once()
    {
        await using var connection = new HubConnection(new HubConnectionOptions { Url = _host.Hub("/nothing/here"), AccessToken = TestHubHost.ApiKey });

        var error = await Assert.ThrowsAsync<HubConnectionException>(() => connection.StartAsync(CancellationToken.None));

        Assert.True(error.IsFatal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_before_start_are_refused()
    {
        await using var connection = Connect();

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.InvokeAsync("Add", [1, 2]));
    }

    [Fact]
    public async Task Pings_keep_a_quiet_connection_and_a_silent_server_is_dropped()
    {
        await using var connection = new HubConnection(new HubConnectionOptions
        {
            Url = _host.Hub("/raw/silent"),
            AccessToken = TestHubHost.ApiKey,
            SkipNegotiation = true,
            KeepAliveInterval = TimeSpan.FromMilliseconds(50),
            ServerTimeout = TimeSpan.FromMilliseconds(600),
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
        });
        await connection.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => _silent.Pings >= 3, "the client has pinged the silent server three times");
        await Eventually.TrueAsync(() => _silent.Connections >= 2 && connection.ReconnectCount >= 1, "the client gave up on the silent server and reconnected");
    }

    [Fact]
    public async Task After_a_server_restart_the_client_reconnects_and_runs_its_hook_first()
    {
        var port = _host.Port;
        var hookCalls = new List<bool>();
        await using var connection = Connect(o => o with
        {
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(300) },
        });
        connection.OnConnected = async (isReconnect, ct) =>
        {
            // Calls inside the hook go through before the gate opens for everyone else.
            Assert.Equal(2, await connection.InvokeAsync<int>("Add", [1, 1], ct));
            lock (hookCalls)
            {
                hookCalls.Add(isReconnect);
            }
        };
        await connection.StartAsync(CancellationToken.None);
        Assert.Equal([false], hookCalls);

        await _host.DisposeAsync();
        await Eventually.TrueAsync(() => connection.State == HubConnectionState.Reconnecting, "the client notices the server is gone");
        // A call made while disconnected waits for the connection to come back.
        var waiting = connection.InvokeAsync<int>("Add", [20, 22]);
        Assert.False(waiting.IsCompleted);

        _host = await StartHostAsync(port);

        Assert.Equal(42, await Eventually.ResultAsync(waiting, "the call made while disconnected"));
        await Eventually.TrueAsync(() => connection.State == HubConnectionState.Connected, "the client is connected again");
        lock (hookCalls)
        {
            Assert.Equal([false, true], hookCalls);
        }
        Assert.Equal(1, connection.ReconnectCount);
    }

    [Fact]
    public async Task Calls_in_flight_when_the_connection_drops_fail_as_lost()
    {
        await using var connection = Connect(o => o with { Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromSeconds(30) } });
        await connection.StartAsync(CancellationToken.None);
        // The server runs one call per connection at a time, so nothing else is called after this one.
        var inFlight = connection.InvokeAsync<int>("Hang", []);

        await _host.DisposeAsync();
        _host = await StartHostAsync(0);

        await Assert.ThrowsAsync<HubConnectionLostException>(() => Eventually.ResultAsync(inFlight, "the hanging call to fail"));
    }

    [Fact]
    public async Task Initial_connect_retries_until_the_server_appears()
    {
        var port = FreePort.Next();
        await using var connection = new HubConnection(new HubConnectionOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}{AgentHubProtocol.Path}"),
            AccessToken = TestHubHost.ApiKey,
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(30), MaxDelay = TimeSpan.FromMilliseconds(200) },
        });
        var start = connection.StartAsync(CancellationToken.None);
        Assert.False(start.IsCompleted);

        await using var late = await StartHostAsync(port);
        await Eventually.ResultAsync(start.ContinueWith(t => t, TaskScheduler.Default), "the first connection");

        Assert.True(start.IsCompletedSuccessfully);
        Assert.Equal(7, await connection.InvokeAsync<int>("Add", [3, 4]));
    }

    private HubConnection Connect(Func<HubConnectionOptions, HubConnectionOptions>? configure = null)
    {
        var options = new HubConnectionOptions { Url = _host.Hub(AgentHubProtocol.Path), AccessToken = TestHubHost.ApiKey };
        return new HubConnection(configure is null ? options : configure(options));
    }

    private Task<TestHubHost> StartHostAsync(int port) =>
        TestHubHost.StartAsync(
            _ => { },
            app =>
            {
                app.MapHub<TestHub>(AgentHubProtocol.Path);
                app.Map("/raw/silent", _silent.HandleAsync);
            },
            port);
}
