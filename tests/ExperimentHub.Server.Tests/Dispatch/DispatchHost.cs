using System.Net.Http.Headers;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Testing.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>
/// The whole app in process on a given data folder, with fast dispatch timings and a recording notifier in place
/// of the hub's, so tests see every StopTrial and WorkAvailable. Dispose it and start another on the same folder to
/// restart the server.
/// </summary>
public sealed class DispatchHost(string dataDir, int leaseSeconds = 30, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "dispatch-test-admin-key-0123456789";

    public RecordingNotifier Notifier { get; } = new();

    /// <summary>
    /// The server's clock, starting now and moved only by the test: lease expiry and timeouts need no waiting, and the
    /// lease reaper's timer ticks only when the test advances it (tests reap with <see cref="ReapAsync"/>).
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>One reaper pass now (expired leases, timeouts), instead of waiting for its timer.</summary>
    public Task ReapAsync() => Services.GetRequiredService<LeaseReaper>().ReapAsync(CancellationToken.None);

    /// <summary>
    /// One pass of the coordinator's timer now (its recurring Hangfire job), instead of waiting for Hangfire's tick, which
    /// after a start can come many seconds late on a busy machine.
    /// </summary>
    public Task CoordinateAsync() => Services.GetRequiredService<SweepCoordinator>().ScheduledPassAsync(CancellationToken.None);

    public AgentWorkService Work => Services.GetRequiredService<AgentWorkService>();

    public SweepService Sweeps => Services.GetRequiredService<SweepService>();

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The test server listens on no port, but the start-up check reads the URLs: a server of your own on the default
        // port 5000 must not fail the tests.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ExperimentHub:DataDir", dataDir);
        builder.UseSetting("ExperimentHub:Bootstrap:AdminApiKey", AdminKey);
        builder.UseSetting("ExperimentHub:Demo:Seed", "false");
        builder.UseSetting("ExperimentHub:LocalAgent:Slots", "0");
        builder.UseSetting("ExperimentHub:Dispatch:LeaseSeconds", leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ExperimentHub:Dispatch:HeartbeatSeconds", "1");
        builder.UseSetting("ExperimentHub:Dispatch:ReapIntervalMilliseconds", "100");
        builder.UseSetting("ExperimentHub:Dispatch:CoordinatorIntervalMilliseconds", "200");
        foreach (var (key, value) in TestDatabase.SettingsFor(dataDir).Concat(settings ?? new Dictionary<string, string>()))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IAgentNotifier>(Notifier);
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
