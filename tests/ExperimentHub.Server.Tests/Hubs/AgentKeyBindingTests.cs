using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Agent.SignalR;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Hubs;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Hubs;

/// <summary>
/// Agent keys over the real hub: an agent id belongs to the key that registered it first, so a second agent key can
/// neither register as that agent nor heartbeat, reattach or end its trials; a sweep agent key takes only its sweep's.
/// </summary>
public sealed class AgentKeyBindingTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("hub-keys");
    private ExperimentHubServer _server = null!;

    public async Task InitializeAsync() => _server = await ExperimentHubServer.StartAsync(o => FastDispatch.Apply(o, _data.Path));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task One_agent_key_cannot_register_as_another_keys_agent_or_touch_its_trials()
    {
        var keyA = await AgentKeyAsync("agent-a");
        var keyB = await AgentKeyAsync("agent-b");
        var agentA = "a-" + Guid.NewGuid().ToString("N");
        await using var connectionA = AgentHubConnection.Create(_server.HubUrl, keyA, new ReconnectPolicy());
        var hubA = new AgentHubClient(connectionA);
        hubA.Handle(new Listener());
        await connectionA.StartAsync(CancellationToken.None);
        var accepted = await hubA.Register(Registration(agentA));
        var sweep = await SubmitAsync("bind");
        var run = (await Eventually.GetAsync(() => hubA.RequestWork(new WorkRequest(1, 0)), a => a.Count == 1, "a trial for agent A"))[0];
        Assert.Equal(sweep, run.SweepId);
        await hubA.TrialStarted(new TrialStarted(run.RunId, 4242, []));

        var listenerB = new Listener();
        await using var connectionB = AgentHubConnection.Create(_server.HubUrl, keyB, new ReconnectPolicy());
        var hubB = new AgentHubClient(connectionB);
        hubB.Handle(listenerB);
        await connectionB.StartAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAnyAsync<HubException>(() => hubB.Register(Registration(agentA)));
        Assert.Contains($"agent id '{agentA}' was registered with another key", refused.Message, StringComparison.Ordinal);
        // Refused, B's connection acts for no agent at all.
        var unregistered = await Assert.ThrowsAnyAsync<HubException>(() => hubB.Heartbeat(new Heartbeat([run.RunId])));
        Assert.Contains("call Register first", unregistered.Message, StringComparison.Ordinal);

        // Under its own id, B still cannot keep, reattach or end A's trial.
        await hubB.Register(Registration("b-" + Guid.NewGuid().ToString("N")));
        Assert.Empty(await hubB.Reattach([run.RunId]));
        await hubB.Heartbeat(new Heartbeat([run.RunId]));
        var stop = await Eventually.GetAsync(() => Task.FromResult(listenerB.Stops.ToArray()), s => s.Length > 0, "StopTrial for the trial B does not hold");
        Assert.Equal(run.RunId, stop[0].RunId);
        await hubB.TrialEnded(new TrialEnd(run.RunId, TrialOutcome.Failed, 1, "forged", "forged end"));
        Assert.Equal("running", await RunStatusAsync(run.RunId));

        // A reconnecting with its own key is the same agent and ends its trial.
        await using var again = AgentHubConnection.Create(_server.HubUrl, keyA, new ReconnectPolicy());
        var hubAgain = new AgentHubClient(again);
        hubAgain.Handle(new Listener());
        await again.StartAsync(CancellationToken.None);
        Assert.Equal(accepted.AgentId, (await hubAgain.Register(Registration(agentA))).AgentId);
        Assert.Equal([run.RunId], await hubAgain.Reattach([run.RunId]));
        await hubAgain.TrialEnded(new TrialEnd(run.RunId, TrialOutcome.Completed, 0, null, "done"));
        Assert.Equal("completed", await RunStatusAsync(run.RunId));
    }

    [Fact]
    public async Task A_sweep_agent_key_takes_only_its_sweeps_trials_and_cannot_register_as_another_agent()
    {
        var other = await SubmitAsync("other");
        var own = await SubmitAsync("own");
        var (_, sweepKey) = await _server.Services.GetRequiredService<ComputeInstanceStore>().IssueAgentKeyAsync(own, "instance-1", CancellationToken.None);
        var adminAgent = "admin-" + Guid.NewGuid().ToString("N");
        await using (var adminConnection = AgentHubConnection.Create(_server.HubUrl, _server.AdminKey, new ReconnectPolicy()))
        {
            var adminHub = new AgentHubClient(adminConnection);
            adminHub.Handle(new Listener());
            await adminConnection.StartAsync(CancellationToken.None);
            await adminHub.Register(Registration(adminAgent));
        }

        await using var connection = AgentHubConnection.Create(_server.HubUrl, sweepKey, new ReconnectPolicy());
        var hub = new AgentHubClient(connection);
        hub.Handle(new Listener());
        await connection.StartAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<HubException>(() => hub.Register(Registration(adminAgent)));
        await hub.Register(Registration("sweep-" + Guid.NewGuid().ToString("N")));
        var taken = await Eventually.GetAsync(() => hub.RequestWork(new WorkRequest(8, 0)), a => a.Count > 0, "a trial of its own sweep");
        var more = await hub.RequestWork(new WorkRequest(8, 0));
        Assert.All(taken.Concat(more), t => Assert.Equal(own, t.SweepId));
        Assert.DoesNotContain(taken.Concat(more), t => t.SweepId == other);
    }

    [Fact]
    public async Task A_key_revoked_while_its_agent_is_connected_closes_the_connection_at_its_next_call()
    {
        var (key, keyId) = await AgentKeyWithIdAsync("agent-revoked");
        var agentId = "r-" + Guid.NewGuid().ToString("N");
        await using var connection = AgentHubConnection.Create(_server.HubUrl, key, new ReconnectPolicy());
        var hub = new AgentHubClient(connection);
        hub.Handle(new Listener());
        await connection.StartAsync(CancellationToken.None);
        await hub.Register(Registration(agentId));
        await SubmitAsync("revoke");
        var run = (await Eventually.GetAsync(() => hub.RequestWork(new WorkRequest(1, 0)), a => a.Count == 1, "a trial for the agent"))[0];
        await hub.TrialStarted(new TrialStarted(run.RunId, 4242, []));
        await hub.Heartbeat(new Heartbeat([run.RunId]));

        using (var admin = _server.CreateAdminClient())
        {
            (await admin.DeleteAsync($"/api/v1/keys/{keyId}")).EnsureSuccessStatusCode();
        }

        // The next call closes the connection (the agent learns why when it connects again: below).
        await Assert.ThrowsAnyAsync<Exception>(() => hub.Heartbeat(new Heartbeat([run.RunId])));
        // The agent is gone from the hub; its trial's lease runs out as for any agent that went away.
        var connections = _server.Services.GetRequiredService<AgentConnections>();
        await Eventually.TrueAsync(() => connections.ConnectionsOf(agentId).Count == 0, "the revoked key's connection to be closed");
        // Connecting again with the revoked key is refused at the door.
        await using var again = AgentHubConnection.Create(_server.HubUrl, key, new ReconnectPolicy());
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => again.StartAsync(CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<string> AgentKeyAsync(string name) => (await AgentKeyWithIdAsync(name)).Key;

    private async Task<(string Key, long Id)> AgentKeyWithIdAsync(string name)
    {
        using var admin = _server.CreateAdminClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name, role = "agent" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("key").GetString()!, body.GetProperty("id").GetInt64());
    }

    private async Task<string> RunStatusAsync(long runId)
    {
        using var admin = _server.CreateAdminClient();
        return (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}")).GetProperty("status").GetString()!;
    }

    private static AgentRegistration Registration(string id) => new("agent " + id[..8], "localhost", "test", 8, 2, 1L << 30, [], id);

    private async Task<long> SubmitAsync(string project)
    {
        using var client = _server.CreateAdminClient();
        using (await client.PostAsJsonAsync("/api/v1/projects", new { key = project, name = project }))
        {
        }
        using var content = new StringContent(SpecTexts.Random(4, 4), Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync($"/api/v1/projects/{project}/sweeps", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private sealed class Listener : IAgentClient
    {
        public System.Collections.Concurrent.ConcurrentQueue<StopTrial> Stops { get; } = new();

        public Task StopTrial(StopTrial request)
        {
            Stops.Enqueue(request);
            return Task.CompletedTask;
        }

        public Task WorkAvailable() => Task.CompletedTask;
    }
}
