namespace ExperimentHub.Core.Specs.SeedJobs;

/// <summary>The words of a command line, or why it cannot be split (<see cref="Error"/> is then set and the words empty).</summary>
public sealed record ShellSplit(IReadOnlyList<string> Words, string? Error)
{
    internal static ShellSplit Failed(string error) => new([], error);
}
