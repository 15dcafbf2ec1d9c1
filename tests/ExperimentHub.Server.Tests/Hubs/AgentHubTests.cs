using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Agent.SignalR;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Server.Tests.Hubs;

/// <summary>The agent hub on a real socket, driven by the official SignalR client as the agent library sets it up.</summary>
public sealed class AgentHubTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("hub");
    private ExperimentHubServer _server = null!;

    public async Task InitializeAsync() => _server = await ExperimentHubServer.StartAsync(o => FastDispatch.Apply(o, _data.Path));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_agent_registers_takes_a_trial_reports_and_ends_it_over_the_hub()
    {
        var listener = new Listener();
        await using var connection = Connect(_server.AdminKey, inQuery: false);
        var hub = new AgentHubClient(connection);
        hub.Handle(listener);
        await connection.StartAsync(CancellationToken.None);
        var accepted = await hub.Register(Registration("hub-agent"));
        Assert.True(accepted.AgentId > 0);
        Assert.Equal(60, accepted.LeaseSeconds);
        Assert.Equal(10, accepted.HeartbeatSeconds);

        var sweep = await SubmitAsync();
        await Eventually.TrueAsync(() => Task.FromResult(listener.WorkAvailable > 0), "WorkAvailable from the server");
        var assignment = (await Eventually.GetAsync(() => hub.RequestWork(new WorkRequest(1, 0)), a => a.Count == 1, "an assignment"))[0];
        Assert.Equal(sweep, assignment.SweepId);
        Assert.Equal(1, assignment.TrialNumber);
        Assert.Equal(["python3", "train.py", "${args}"], assignment.Command);
        Assert.True(assignment.Params.ContainsKey("lr"));
        Assert.StartsWith("ehr_", assignment.Token, StringComparison.Ordinal);
        Assert.Equal(_server.Address.ToString().TrimEnd('/'), assignment.ApiUrl);

        await hub.TrialStarted(new TrialStarted(assignment.RunId, 1234, []));
        await hub.ReportMetrics(new MetricReport(assignment.RunId, [new MetricReportPoint("loss", 1, 0.25, DateTimeOffset.UtcNow), new MetricReportPoint("loss", 2, double.NaN, DateTimeOffset.UtcNow)]));
        await hub.ReportLogs(new LogLines(assignment.RunId, ["epoch 1", "epoch 2"]));
        await hub.Heartbeat(new Heartbeat([assignment.RunId]));
        // The trial's own token writes to its run while it runs.
        using (var trialClient = new HttpClient { BaseAddress = _server.Address })
        {
            trialClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", assignment.Token);
            using var posted = await trialClient.PostAsJsonAsync($"/api/v1/runs/{assignment.RunId}/metrics",
                new { points = new[] { new { key = "accuracy", value = 0.9, step = 1 } } });
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        await hub.TrialEnded(new TrialEnd(assignment.RunId, TrialOutcome.Completed, 0, null, "epoch 1\nepoch 2\ndone\n"));

        // The trial has ended, and its token with it.
        using (var trialClient = new HttpClient { BaseAddress = _server.Address })
        {
            trialClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", assignment.Token);
            using var posted = await trialClient.PostAsJsonAsync($"/api/v1/runs/{assignment.RunId}/metrics",
                new { points = new[] { new { key = "accuracy", value = 0.5, step = 2 } } });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, posted.StatusCode);
            Assert.Contains("has ended", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var client = _server.CreateAdminClient();
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{assignment.RunId}");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        var trials = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{sweep}/trials");
        Assert.Equal("NaN", trials[0].GetProperty("metrics").GetProperty("loss").GetString());
        var agents = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents");
        Assert.Contains(agents.EnumerateArray(), a => a.GetProperty("name").GetString() == "hub-agent" && a.GetProperty("status").GetString() == "online");
    }

    [Fact]
    public async Task Ending_a_trial_hands_the_agent_its_next_trial_in_the_same_call_and_a_repeated_end_never_hands_it_again()
    {
        await using var connection = Connect(_server.AdminKey, inQuery: false);
        var hub = new AgentHubClient(connection);
        await connection.StartAsync(CancellationToken.None);
        await hub.Register(Registration("handoff-agent"));
        var sweep = await SubmitAsync(trials: 4, parallel: 2);
        var first = (await Eventually.GetAsync(() => hub.RequestWork(new WorkRequest(1, 0)), a => a.Count == 1, "an assignment"))[0];
        await hub.TrialStarted(new TrialStarted(first.RunId, 1, []));
        using var client = _server.CreateAdminClient();
        // The coordinator keeps parallel (2) trials queued: the second waits while the first runs.
        await Eventually.TrueAsync(async () => (await TrialsAsync(client, sweep)).Count(t => t.Status == "pending") == 1, "the second trial, pending");

        var end = new TrialEnd(first.RunId, TrialOutcome.Completed, 0, null, "done\n");
        var next = Assert.Single(await hub.EndTrialAndRequestWork(end, new WorkRequest(1, 0)));
        Assert.NotEqual(first.RunId, next.RunId);
        Assert.Equal(sweep, next.SweepId);
        Assert.StartsWith("ehr_", next.Token, StringComparison.Ordinal);
        // Both are in the store before the answer: the end, and the lease the answer carries.
        var trials = await TrialsAsync(client, sweep);
        Assert.Equal("completed", trials.Single(t => t.RunId == first.RunId).Status);
        Assert.Equal("leased", trials.Single(t => t.RunId == next.RunId).Status);

        // The same end again (an agent retrying after a lost answer) changes nothing and never hands out the trial it holds.
        var again = await hub.EndTrialAndRequestWork(end, new WorkRequest(1, 0));
        Assert.DoesNotContain(again, a => a.RunId == next.RunId || a.RunId == first.RunId);
        trials = await TrialsAsync(client, sweep);
        Assert.Equal("completed", trials.Single(t => t.RunId == first.RunId).Status);
        Assert.Equal("leased", trials.Single(t => t.RunId == next.RunId).Status);

        // With no free slot, the end is recorded and nothing is leased.
        await hub.TrialStarted(new TrialStarted(next.RunId, 1, []));
        Assert.Empty(await hub.EndTrialAndRequestWork(new TrialEnd(next.RunId, TrialOutcome.Completed, 0, null, ""), new WorkRequest(0, 0)));
        Assert.Equal("completed", (await TrialsAsync(client, sweep)).Single(t => t.RunId == next.RunId).Status);
    }

    private static async Task<List<(long RunId, string Status)>> TrialsAsync(HttpClient client, long sweep) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{sweep}/trials")).EnumerateArray()
            .Select(t => (t.GetProperty("runId").GetInt64(), t.GetProperty("status").GetString()!)).ToList();

    [Fact]
    public async Task Stopping_a_sweep_sends_StopTrial_to_the_agent_running_it()
    {
        var listener = new Listener();
        await using var connection = Connect(_server.AdminKey, inQuery: true);
        var hub = new AgentHubClient(connection);
        hub.Handle(listener);
        await connection.StartAsync(CancellationToken.None);
        await hub.Register(Registration("query-token-agent"));
        var sweep = await SubmitAsync();
        var assignment = (await Eventually.GetAsync(() => hub.RequestWork(new WorkRequest(1, 0)), a => a.Count == 1, "an assignment"))[0];
        await hub.TrialStarted(new TrialStarted(assignment.RunId, 1, []));

        using var client = _server.CreateAdminClient();
        using (var stop = await client.PostAsync($"/api/v1/sweeps/{sweep}/stop", null))
        {
            Assert.True(stop.IsSuccessStatusCode);
        }
        var stopped = await Eventually.GetAsync(() => Task.FromResult(listener.Stops.ToArray()), s => s.Length > 0, "StopTrial");
        Assert.Equal(assignment.RunId, stopped[0].RunId);
    }

    [Fact]
    public async Task A_refused_call_is_one_line_in_the_server_log_without_a_stack_trace()
    {
        var logs = new RecordingLoggerProvider();
        using var data = new TemporaryDirectory("hub-refusal");
        await using var server = await ExperimentHubServer.StartAsync(o =>
        {
            FastDispatch.Apply(o, data.Path);
            o.LogProvider = logs;
            // The test servers log warnings and worse; the refusal is an information line, as refused requests are.
            o.Settings["Logging:LogLevel:ExperimentHub.Server.Hubs"] = "Information";
        });
        await using var connection = AgentHubConnection.Create(server.HubUrl, server.AdminKey, new ReconnectPolicy());
        await connection.StartAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => new AgentHubClient(connection).RequestWork(new WorkRequest(1, 0)));

        var refusal = await Eventually.GetAsync(
            () => Task.FromResult(logs.Entries.Where(e => e.Message.Contains("call Register first", StringComparison.Ordinal)).ToList()),
            e => e.Count > 0, "the refusal in the server log");
        var line = Assert.Single(refusal);
        Assert.Equal("The agent hub refused RequestWork on connection " + connection.ConnectionId + ": call Register first: this connection has not registered an agent", line.Message);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Null(line.Exception);
        // SignalR's dispatcher would log it as an error with the stack trace; nothing logs one now.
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null || e.Category.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_before_register_are_refused_and_a_wrong_key_cannot_connect()
    {
        await using (var connection = Connect(_server.AdminKey, inQuery: false))
        {
            var hub = new AgentHubClient(connection);
            await connection.StartAsync(CancellationToken.None);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => hub.RequestWork(new WorkRequest(1, 0)));
            Assert.Contains("call Register first", error.Message, StringComparison.Ordinal);
        }
        await using var refused = Connect("not-a-key", inQuery: false);
        await Assert.ThrowsAnyAsync<Exception>(() => refused.StartAsync(CancellationToken.None));
    }

    /// <summary>The key as the bearer header, or (as browsers must send it) as <c>access_token</c> on the hub's URL.</summary>
    private HubConnection Connect(string key, bool inQuery) => inQuery
        ? AgentHubConnection.Create(new Uri(_server.HubUrl, "?access_token=" + Uri.EscapeDataString(key)), null, new ReconnectPolicy())
        : AgentHubConnection.Create(_server.HubUrl, key, new ReconnectPolicy());

    private static AgentRegistration Registration(string name) =>
        new(name, "localhost", "test", 1, 2, 1L << 30, [], name + "-" + Guid.NewGuid().ToString("N"));

    private async Task<long> SubmitAsync(int trials = 2, int parallel = 1)
    {
        using var client = _server.CreateAdminClient();
        using (await client.PostAsJsonAsync("/api/v1/projects", new { key = "hub", name = "hub" }))
        {
        }
        using var content = new StringContent(SpecTexts.Random(trials, parallel), Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync("/api/v1/projects/hub/sweeps", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private sealed class Listener : IAgentClient
    {
        private int _workAvailable;

        public System.Collections.Concurrent.ConcurrentQueue<StopTrial> Stops { get; } = new();

        public int WorkAvailable => Volatile.Read(ref _workAvailable);

        public Task StopTrial(StopTrial request)
        {
            Stops.Enqueue(request);
            return Task.CompletedTask;
        }

        Task IAgentClient.WorkAvailable()
        {
            Interlocked.Increment(ref _workAvailable);
            return Task.CompletedTask;
        }
    }
}
