using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ExperimentHub.Server.Tests.Compute;

/// <summary>
/// The app on a fake clock with <see cref="RecordingComputeBackend"/> as its ec2 backend and no recurring jobs: tests
/// run the scaler and the terminator one pass at a time and move the clock themselves.
/// </summary>
public abstract class ComputeTestBase : IDisposable
{
    private readonly DispatchHost _host;
    private readonly WebApplicationFactory<Program> _app;

    /// <param name="settings">Settings over the defaults.</param>
    /// <param name="backgroundJobs">Keep the Hangfire jobs that run passes on their own (the Jobs tests); off, only the test runs passes.</param>
    protected ComputeTestBase(IReadOnlyDictionary<string, string>? settings = null, bool backgroundJobs = false)
    {
        var all = new Dictionary<string, string>
        {
            ["ExperimentHub:Compute:ServerUrl"] = "http://127.0.0.1:1",
            ["ExperimentHub:Compute:IntervalSeconds"] = "60",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        _host = new DispatchHost(Data.Path, settings: all);
        _app = _host.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IComputeBackend>();
            services.AddSingleton<IComputeBackend>(Backend);
            if (backgroundJobs)
            {
                return;
            }
            // No background passes: neither the recurring compute jobs nor the ones a sweep's change enqueues.
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RecurringJobsRegistrar)));
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ComputeJobTrigger)));
        }));
    }

    protected TemporaryDirectory Data { get; } = new("compute");

    protected RecordingComputeBackend Backend { get; } = new();

    protected FakeTimeProvider Clock => _host.Clock;

    protected IServiceProvider Services => _app.Services;

    protected ComputeScaler Scaler => Services.GetRequiredService<ComputeScaler>();

    protected InstanceTerminator Terminator => Services.GetRequiredService<InstanceTerminator>();

    protected ComputeInstanceStore Store => Services.GetRequiredService<ComputeInstanceStore>();

    protected SweepService Sweeps => Services.GetRequiredService<SweepService>();

    protected AgentWorkService Work => Services.GetRequiredService<AgentWorkService>();

    protected static string Ec2Spec(int trials, int parallel, int instances, string budgetExtra = "") =>
        SpecTexts.Random(trials, parallel).Replace("max_consecutive_failures: 5}", "max_consecutive_failures: 5" + budgetExtra + "}", StringComparison.Ordinal)
        + $"resources: {{backend: ec2, instances: {instances}, instance_type: g5.xlarge, spot: true}}\n";

    protected async Task<long> SubmitAsync(string yaml)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DispatchHost.AdminKey);
        using (var project = await client.PostAsJsonAsync("/api/v1/projects", new { key = "p", name = "p" }))
        {
            Assert.True(project.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        }
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync("/api/v1/projects/p/sweeps", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var doc = JsonDocument.Parse(body);
        var id = doc.RootElement.GetProperty("id").GetInt64();
        // The coordinator fills the queue from the submit's wake-up.
        await Eventually.TrueAsync(async () => (await Store.WorkAsync([id], CancellationToken.None))[id].Trials > 0, "the sweep's first trials");
        return id;
    }

    protected Task<List<ComputeInstance>> InstancesAsync(long sweepId) => Store.ListForSweepAsync(sweepId, CancellationToken.None);

    /// <summary>Registers an agent as the hub does for a connection with the instance's key; returns the agent's id.</summary>
    protected async Task<SimulatedAgent> RegisterAgentAsync(ComputeInstance instance, int slots = 1)
    {
        var agent = new SimulatedAgent(Work, "agent-" + instance.ExternalId);
        await agent.RegisterAsync(slots);
        await Store.AgentRegisteredAsync(instance.ApiKeyId!.Value, agent.Id, CancellationToken.None);
        return agent;
    }

    protected async Task<IReadOnlyList<ExperimentHub.Contracts.Agents.TrialAssignment>> LeaseAsync(SimulatedAgent agent, long sweepId) =>
        await Work.RequestWorkAsync(agent.Id, new ExperimentHub.Contracts.Agents.WorkRequest(1, 0), "http://127.0.0.1:1", sweepId, CancellationToken.None);

    protected Task PassAsync() => Terminator.RunOnceAsync(CancellationToken.None);

    public void Dispose()
    {
        _app.Dispose();
        _host.Dispose();
        Data.Dispose();
        GC.SuppressFinalize(this);
    }
}
