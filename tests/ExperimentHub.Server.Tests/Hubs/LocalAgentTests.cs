using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Server.Tests.Hubs;

/// <summary>The agent inside the server runs real trial processes with no other set-up.</summary>
public sealed class LocalAgentTests
{
    [Fact]
    public async Task The_local_agent_runs_a_sweep_to_completion_with_real_processes()
    {
        using var data = new TemporaryDirectory("local-agent");
        await using var server = await ExperimentHubServer.StartAsync(o =>
        {
            FastDispatch.Apply(o, data.Path);
            o.Settings["ExperimentHub:LocalAgent:Slots"] = "2";
            o.Settings["ExperimentHub:LocalAgent:Workdir"] = data.Path;
        });
        using var client = server.CreateAdminClient();
        (await client.PostAsJsonAsync("/api/v1/projects", new { key = "local", name = "local" })).EnsureSuccessStatusCode();
        const string spec = """
            name: local-agent
            command: [python3, -c, "print('EXPERIMENTHUB step=1 loss=${x}')"]
            method: random
            objectives:
              - {metric: loss, goal: minimize}
            parameters:
              x: {type: float, min: 0, max: 1}
            budget: {trials: 3, parallel: 2}
            """;
        using var content = new StringContent(spec, Encoding.UTF8, "application/yaml");
        using var submitted = await client.PostAsync("/api/v1/projects/local/sweeps", content);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var sweep = await Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{id}"),
            s => s.GetProperty("status").GetString() != "running", "the sweep to end", TimeSpan.FromSeconds(60));
        Assert.Equal("completed", sweep.GetProperty("status").GetString());
        Assert.Equal(3, sweep.GetProperty("trialsCompleted").GetInt32());
        var trials = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{id}/trials");
        Assert.All(trials.EnumerateArray(), t =>
            Assert.Equal(t.GetProperty("params").GetProperty("x").GetDouble(), t.GetProperty("metrics").GetProperty("loss").GetDouble(), 9));
        var agents = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents");
        Assert.Contains(agents.EnumerateArray(), a => a.GetProperty("name").GetString()!.EndsWith("(local)", StringComparison.Ordinal)
            && a.GetProperty("slots").GetInt32() == 2);
    }

    [Fact]
    public async Task A_stopping_server_stops_its_local_agent_without_a_warning()
    {
        var logs = new RecordingLoggerProvider();
        using var data = new TemporaryDirectory("local-agent-stop");
        var server = await ExperimentHubServer.StartAsync(o =>
        {
            FastDispatch.Apply(o, data.Path);
            o.LogProvider = logs;
            o.Settings["ExperimentHub:LocalAgent:Slots"] = "1";
            o.Settings["ExperimentHub:LocalAgent:Workdir"] = data.Path;
        });
        await using (server)
        {
            using var client = server.CreateAdminClient();
            await Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<JsonElement>("/api/v1/agents")).EnumerateArray()
                .Any(a => a.GetProperty("name").GetString()!.EndsWith("(local)", StringComparison.Ordinal)), "the local agent to register");
        }

        // Ctrl+C closes the hub's connections as the server stops; the local agent is stopping then, not lost.
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("ExperimentHub.Agent", StringComparison.Ordinal));
    }
}
