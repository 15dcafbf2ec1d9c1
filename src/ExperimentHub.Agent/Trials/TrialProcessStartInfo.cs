namespace ExperimentHub.Agent.Trials;

/// <summary>Everything needed to start one trial's process: the expanded argument list, its folder and environment.</summary>
public sealed record TrialProcessStartInfo
{
    public required long RunId { get; init; }

    /// <summary>The program and its arguments, already expanded (see <see cref="CommandTemplate"/>).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Variables to set (a null value removes an inherited one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long a stopped trial has between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    public int LogTailLines { get; init; } = 100;
}
