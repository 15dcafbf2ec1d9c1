using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

/// <summary>
/// What the sweep page reads, held in memory: one sweep and its trials, which a test replaces to play a change made
/// elsewhere. Counts the reads, so a test sees when the page reloaded. The page reads nothing else.
/// </summary>
internal sealed class SweepPageQueries : IDashboardQueries
{
    private int _reads;

    public SweepOverview? Sweep { get; set; }

    public IReadOnlyList<TrialRow> Trials { get; set; } = [];

    /// <summary>How many times the page read the sweep (once per load or refresh).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Task<SweepOverview?> GetSweepAsync(long sweepId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(Sweep?.Id == sweepId ? Sweep : null);
    }

    public Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken) => Task.FromResult(Trials);

    public Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken) =>
        Task.FromResult(Trials);

    public Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(CancellationToken cancellationToken) => throw NotRead();

    public Task<ProjectOverview?> GetProjectAsync(string projectKey, CancellationToken cancellationToken) => throw NotRead();

    public Task<PagedResult<RunRow>> GetRunsAsync(string projectKey, int skip, int take, bool includeTrials, CancellationToken cancellationToken) => throw NotRead();

    public Task<RunOverview?> GetRunAsync(long runId, CancellationToken cancellationToken) => throw NotRead();

    public Task<SeriesData> GetSeriesAsync(long runId, string key, int maxPoints, CancellationToken cancellationToken) => throw NotRead();

    public Task<IReadOnlyList<AgentRow>> GetAgentsAsync(CancellationToken cancellationToken) => throw NotRead();

    private static NotSupportedException NotRead() => new("The sweep page reads only its sweep and its trials.");
}
