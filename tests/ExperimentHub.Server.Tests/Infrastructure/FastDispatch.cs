namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>Settings for a real server whose dispatcher and lease reaper run often, so hub tests wait little.</summary>
public static class FastDispatch
{
    public static void Apply(ExperimentHubServerOptions options, string dataDir)
    {
        options.DataDir = dataDir;
        options.Settings["ExperimentHub:Dispatch:CoordinatorIntervalMilliseconds"] = "200";
        options.Settings["ExperimentHub:Dispatch:ReapIntervalMilliseconds"] = "100";
    }
}
