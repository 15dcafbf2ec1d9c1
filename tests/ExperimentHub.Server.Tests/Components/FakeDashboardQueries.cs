using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>What the pages read, from lists a test fills; <see cref="Failure"/> makes every read throw it.</summary>
internal sealed class FakeDashboardQueries : IDashboardQueries
{
    public List<ProjectSummary> Projects { get; } = [];

    public Dictionary<string, ProjectOverview> ProjectOverviews { get; } = new(StringComparer.Ordinal);

    public List<RunRow> Runs { get; } = [];

    public Dictionary<long, RunOverview> RunOverviews { get; } = [];

    public Dictionary<(long RunId, string Key), SeriesData> Series { get; } = [];

    public List<AgentRow> Agents { get; } = [];

    public Dictionary<long, SweepOverview> Sweeps { get; } = [];

    public List<TrialRow> Trials { get; } = [];

    public Exception? Failure { get; set; }

    public Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(CancellationToken cancellationToken) => Answer<IReadOnlyList<ProjectSummary>>([.. Projects]);

    public Task<ProjectOverview?> GetProjectAsync(string projectKey, CancellationToken cancellationToken) =>
        Answer(ProjectOverviews.GetValueOrDefault(projectKey));

    public Task<PagedResult<RunRow>> GetRunsAsync(string projectKey, int skip, int take, bool includeTrials, CancellationToken cancellationToken)
    {
        var runs = Runs.Where(r => includeTrials || r.SweepId is null).ToList();
        return Answer(new PagedResult<RunRow>([.. runs.Skip(skip).Take(take)], runs.Count));
    }

    public Task<RunOverview?> GetRunAsync(long runId, CancellationToken cancellationToken) => Answer(RunOverviews.GetValueOrDefault(runId));

    public Task<SeriesData> GetSeriesAsync(long runId, string key, int maxPoints, CancellationToken cancellationToken) =>
        Answer(Series.GetValueOrDefault((runId, key)) ?? new SeriesData(key, [], [], [], 0));

    public Task<IReadOnlyList<AgentRow>> GetAgentsAsync(CancellationToken cancellationToken) => Answer<IReadOnlyList<AgentRow>>([.. Agents]);

    public Task<SweepOverview?> GetSweepAsync(long sweepId, CancellationToken cancellationToken) => Answer(Sweeps.GetValueOrDefault(sweepId));

    public Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken) => Answer<IReadOnlyList<TrialRow>>([.. Trials]);

    public Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<TrialRow>>([.. Trials]);

    private Task<T> Answer<T>(T value) => Failure is { } failure ? Task.FromException<T>(failure) : Task.FromResult(value);
}
