using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Integrity;

/// <summary>The app with artifact quotas small enough to reach in a test.</summary>
public sealed class SmallQuotaFactory : ExperimentHubFactory
{
    public const long RunQuota = 100_000;
    public const long ProjectQuota = 250_000;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["ExperimentHub:Artifacts:MaxBytesPerRun"] = RunQuota.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ExperimentHub:Artifacts:MaxBytesPerProject"] = ProjectQuota.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
