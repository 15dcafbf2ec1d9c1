using System.Net;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ExperimentHub.Server.Tests.Api;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task An_empty_store_gets_the_demo_project_once()
    {
        using var fixture = new ExperimentHubFactory();
        for (var start = 0; start < 2; start++)
        {
            // Each factory is a fresh host on the same data folder: the second start must not seed again.
            using var app = fixture.WithWebHostBuilder(b => b.UseSetting("ExperimentHub:Demo:Seed", "true"));
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", ExperimentHubFactory.AdminKey);
            var runs = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/projects/demo/runs"));
            var list = runs.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(4, list.Count);
            Assert.Contains(list, r => r.GetProperty("status").GetString() == "failed");
            var id = list[0].GetProperty("id").GetInt64();
            var series = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/runs/{id}/metrics/loss"));
            Assert.Equal(200, series.GetProperty("points").GetArrayLength());
        }
    }

    [Fact]
    public async Task Seeding_is_off_when_configured()
    {
        using var fixture = new ExperimentHubFactory();
        using var client = fixture.CreateAdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/projects/demo")).StatusCode);
    }
}
