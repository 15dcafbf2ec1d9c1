namespace ExperimentHub.Server.Dispatch;

/// <summary>What to know before launching a sweep with this command, working folder and parallelism (see <see cref="LaunchChecks"/>).</summary>
public interface ILaunchChecks
{
    Task<IReadOnlyList<LaunchNote>> CheckAsync(IReadOnlyList<string> command, string? workdir, int parallel, CancellationToken cancellationToken);
}
