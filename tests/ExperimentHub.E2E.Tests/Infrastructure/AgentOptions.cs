namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>How to start an <see cref="AgentProcess"/> (<c>ehub agent</c>).</summary>
public sealed record AgentOptions
{
    public int Slots { get; init; } = 1;

    /// <summary>
    /// Where relative trial workdirs start and the agent keeps its trial folders; a fresh temporary folder (deleted
    /// with the agent) when null, so that tests leave nothing in the repository. Specs in tests use absolute workdirs.
    /// </summary>
    public string? Workdir { get; init; }

    /// <summary>More arguments after the usual ones.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}
