namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>How to start an <see cref="AgentProcess"/> (<c>ehub agent</c>).</summary>
public sealed record AgentOptions
{
    public int Slots { get; init; } = 1;

    /// <summary>The folder trials' relative workdirs are resolved against: the repository, so that examples/ is found.</summary>
    public string? Workdir { get; init; }

    /// <summary>More arguments after the usual ones.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}
