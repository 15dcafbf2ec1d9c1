using ExperimentHub.Server.Dispatch;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>Answers every launch check with the notes a test set, and records what was checked.</summary>
internal sealed class FakeLaunchChecks : ILaunchChecks
{
    public List<LaunchNote> Notes { get; } = [];

    public List<(IReadOnlyList<string> Command, string? Workdir, int Parallel)> Checked { get; } = [];

    public Task<IReadOnlyList<LaunchNote>> CheckAsync(IReadOnlyList<string> command, string? workdir, int parallel, CancellationToken cancellationToken)
    {
        Checked.Add((command, workdir, parallel));
        return Task.FromResult<IReadOnlyList<LaunchNote>>([.. Notes]);
    }
}
