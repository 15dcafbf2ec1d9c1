using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Dispatch.Models;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>A fresh data folder per test class instance, a host on it, and helpers to submit and read sweeps.</summary>
public abstract class DispatchTestBase : IDisposable
{
    protected DispatchTestBase()
    {
        Host = new DispatchHost(Data.Path);
    }

    protected TemporaryDirectory Data { get; } = new("dispatch");

    protected DispatchHost Host { get; private set; }

    /// <summary>Stops the server and starts a new one on the same data folder, <paramref name="downFor"/> later on its clock.</summary>
    protected void Restart(int leaseSeconds = 30, TimeSpan downFor = default)
    {
        Host.Dispose();
        Host = new DispatchHost(Data.Path, leaseSeconds);
        Host.Clock.Advance(downFor);
    }

    protected SimulatedAgent Agent(string id) => new(Host.Work, id);

    protected async Task CreateProjectAsync(string project = "p")
    {
        using var client = Host.CreateAdminClient();
        using var created = await client.PostAsJsonAsync("/api/v1/projects", new { key = project, name = project });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
    }

    protected async Task<long> SubmitAsync(string yaml, string project = "p")
    {
        await CreateProjectAsync(project);
        using var client = Host.CreateAdminClient();
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync($"/api/v1/projects/{project}/sweeps", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    protected async Task<SweepDto> SweepAsync(long id) => (await Host.Sweeps.GetAsync(id, CancellationToken.None))!;

    protected async Task<IReadOnlyList<TrialDto>> TrialsAsync(long id) => (await Host.Sweeps.GetTrialsAsync(id, CancellationToken.None))!;

    protected Task<SweepDto> WaitForSweepAsync(long id, Func<SweepDto, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => SweepAsync(id), done, what, timeout);

    public void Dispose()
    {
        Host.Dispose();
        Data.Dispose();
        GC.SuppressFinalize(this);
    }
}
