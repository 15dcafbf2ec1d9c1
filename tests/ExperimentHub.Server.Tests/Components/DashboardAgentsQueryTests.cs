using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>The agents page and GET /api/v1/agents read the same directory: same agents, same order, same held trials.</summary>
public sealed class DashboardAgentsQueryTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task The_page_and_the_api_list_the_same_agents_online_first_with_the_trials_they_hold()
    {
        await SeedAsync();
        var rows = (await factory.Services.GetRequiredService<DbDashboardQueries>().GetAgentsAsync(CancellationToken.None))
            .Where(a => a.Id.StartsWith("dq-", StringComparison.Ordinal)).ToList();
        using var admin = factory.CreateAdminClient();
        var api = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/agents")).EnumerateArray()
            .Where(a => a.GetProperty("id").GetString()!.StartsWith("dq-", StringComparison.Ordinal)).ToList();

        Assert.Equal(["dq-b", "dq-a"], rows.Select(r => r.Id));
        Assert.Equal(rows.Select(r => r.Id), api.Select(a => a.GetProperty("id").GetString()));
        Assert.True(rows[0].Online);
        Assert.False(rows[1].Online);

        var held = Assert.Single(rows[0].Running);
        Assert.Equal("warm-up", held.RunName);
        var apiHeld = Assert.Single(api[0].GetProperty("trials").EnumerateArray());
        Assert.Equal(held.RunId, apiHeld.GetProperty("runId").GetInt64());
        Assert.Equal("warm-up", apiHeld.GetProperty("runName").GetString());
        Assert.Equal("running", apiHeld.GetProperty("status").GetString());
        Assert.Equal("A100", Assert.Single(rows[0].Gpus).Model);
        Assert.Empty(rows[1].Running);
    }

    /// <summary>An offline agent whose name sorts first, an online one holding a running run, and a finished run it no longer holds.</summary>
    private async Task SeedAsync()
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        db.Agents.Add(new RegisteredAgent { Id = "dq-a", Name = "aaa-offline", Host = "h1", Slots = 1, Status = AgentStatus.Offline });
        db.Agents.Add(new RegisteredAgent
        {
            Id = "dq-b", Name = "zzz-online", Host = "h2", Slots = 2, Status = AgentStatus.Online, LastHeartbeatAt = now,
            GpusJson = """[{"index": 0, "name": "A100", "memoryMb": 40960}]""",
        });
        var project = new Project { Key = "agents-query", Name = "agents", CreatedAt = now };
        db.Runs.Add(new Run { Project = project, Name = "warm-up", Status = RunStatus.Running, LeaseAgentId = "dq-b", CreatedAt = now, StartedAt = now });
        db.Runs.Add(new Run { Project = project, Name = "done", Status = RunStatus.Completed, LeaseAgentId = "dq-b", CreatedAt = now });
        await db.SaveChangesAsync();
    }
}
