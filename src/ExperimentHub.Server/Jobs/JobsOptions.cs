using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Jobs;

/// <summary>The <c>ExperimentHub:Jobs</c> settings: Hangfire's server in this process.</summary>
public sealed class JobsOptions
{
    public const string Section = "ExperimentHub:Jobs";

    /// <summary>Where the Hangfire dashboard is served (signed-in admins only).</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>Hangfire's own tables in a SQLite store: a file of their own beside experimenthub.db (see <see cref="JobStorageFactory"/>).</summary>
    public const string SqliteFileName = "hangfire.db";

    [Range(1, 100, ErrorMessage = "ExperimentHub:Jobs:Workers must be between 1 and 100")]
    public int Workers { get; set; } = 4;

    /// <summary>How often waiting jobs, and scheduled and recurring jobs that fell due, are looked for.</summary>
    [Range(10, 60_000, ErrorMessage = "ExperimentHub:Jobs:PollIntervalMilliseconds must be between 10 and 60000")]
    public int PollIntervalMilliseconds { get; set; } = 1_000;
}
