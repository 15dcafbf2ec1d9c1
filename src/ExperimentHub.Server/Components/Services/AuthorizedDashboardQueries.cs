using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The dashboard's reads as the signed-in user of the circuit may see them: a project, sweep or run outside the user's
/// projects reads as one that does not exist, and lists (projects, an agent's trials) leave out what is not theirs.
/// Pages read only through this, so a page opened by URL shows no more than the links lead to.
/// </summary>
internal sealed class AuthorizedDashboardQueries(IDashboardQueries inner, IDashboardAccess access) : IDashboardQueries
{
    public async Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(CancellationToken cancellationToken)
    {
        var visible = await access.VisibleProjectsAsync(cancellationToken);
        var projects = await inner.GetProjectsAsync(cancellationToken);
        return visible is null ? projects : projects.Where(p => visible.Contains(p.Id)).ToList();
    }

    public async Task<ProjectOverview?> GetProjectAsync(string projectKey, CancellationToken cancellationToken) =>
        await access.RoleInAsync(projectKey, cancellationToken) is null ? null : await inner.GetProjectAsync(projectKey, cancellationToken);

    public async Task<PagedResult<RunRow>> GetRunsAsync(string projectKey, int skip, int take, bool includeTrials, CancellationToken cancellationToken) =>
        await access.RoleInAsync(projectKey, cancellationToken) is null
            ? new PagedResult<RunRow>([], 0)
            : await inner.GetRunsAsync(projectKey, skip, take, includeTrials, cancellationToken);

    public async Task<RunOverview?> GetRunAsync(long runId, CancellationToken cancellationToken) =>
        await MaySeeRunAsync(runId, cancellationToken) ? await inner.GetRunAsync(runId, cancellationToken) : null;

    public async Task<SeriesData> GetSeriesAsync(long runId, string key, int maxPoints, CancellationToken cancellationToken) =>
        await MaySeeRunAsync(runId, cancellationToken)
            ? await inner.GetSeriesAsync(runId, key, maxPoints, cancellationToken)
            : new SeriesData(key, [], [], [], 0);

    /// <summary>Every agent (machines are shared), with only the trials of the user's projects.</summary>
    public async Task<IReadOnlyList<AgentRow>> GetAgentsAsync(CancellationToken cancellationToken)
    {
        var agents = await inner.GetAgentsAsync(cancellationToken);
        var held = agents.SelectMany(a => a.Running).Select(t => t.RunId).ToHashSet();
        var visible = await access.VisibleRunsAsync(held, cancellationToken);
        return visible.Count == held.Count
            ? agents
            : agents.Select(a => a with { Running = a.Running.Where(t => visible.Contains(t.RunId)).ToList() }).ToList();
    }

    public async Task<SweepOverview?> GetSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        await MaySeeSweepAsync(sweepId, cancellationToken) ? await inner.GetSweepAsync(sweepId, cancellationToken) : null;

    public async Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken) =>
        await MaySeeSweepAsync(sweepId, cancellationToken) ? await inner.GetTrialsAsync(sweepId, cancellationToken) : [];

    public async Task<IReadOnlyList<TrialRow>> GetTrialsAsync(long sweepId, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken) =>
        await MaySeeSweepAsync(sweepId, cancellationToken) ? await inner.GetTrialsAsync(sweepId, metrics, cancellationToken) : [];

    private async Task<bool> MaySeeRunAsync(long runId, CancellationToken cancellationToken) =>
        (await access.VisibleRunsAsync([runId], cancellationToken)).Contains(runId);

    private async Task<bool> MaySeeSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        (await access.VisibleSweepsAsync([sweepId], cancellationToken)).Contains(sweepId);
}
