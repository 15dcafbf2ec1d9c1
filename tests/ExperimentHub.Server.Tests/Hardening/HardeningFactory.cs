using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Server.Tests.Hardening;

/// <summary>The app on a data folder that does not exist yet (so the server creates it), with its log recorded.</summary>
public sealed class HardeningFactory : ExperimentHubFactory
{
    public RecordingLoggerProvider Log { get; } = new();

    public string NewDataDir => Path.Combine(DataDir, "fresh", "data");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ExperimentHub:DataDir"] = NewDataDir,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Log));
    }
}
