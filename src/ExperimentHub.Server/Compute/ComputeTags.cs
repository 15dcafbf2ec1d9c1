using System.Globalization;

namespace ExperimentHub.Server.Compute;

/// <summary>How instances and jobs are marked as this server's: the pool tag (or job name prefix) and the sweep.</summary>
public static class ComputeTags
{
    public const string Pool = "experimenthub:pool";
    public const string Sweep = "experimenthub:sweep";

    /// <summary>An agent's name, which is also its Slurm job's name: <c>{pool}-sweep-{id}-{8 hex digits}</c>.</summary>
    public static string AgentName(string pool, long sweepId) =>
        string.Create(CultureInfo.InvariantCulture, $"{pool}-sweep-{sweepId}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Whether a job name is one of this pool's; <paramref name="sweepId"/> is the sweep it names, if any.</summary>
    public static bool IsPoolJob(string pool, string jobName, out long? sweepId)
    {
        sweepId = null;
        var prefix = pool + "-sweep-";
        if (!jobName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = jobName[prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        sweepId = ParseSweep(dash < 0 ? rest : rest[..dash]);
        return true;
    }

    public static long? ParseSweep(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
