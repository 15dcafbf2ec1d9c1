namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>
/// What the run page shows; parameters are formatted for display in spec order. <see cref="Error"/> says why the run
/// did not complete: the script's exception and traceback, or what its process wrote last on standard error.
/// </summary>
public sealed record RunOverview(
    long Id,
    string ProjectKey,
    string? Name,
    string Status,
    long? SweepId,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyDictionary<string, double> Summary,
    IReadOnlyList<string> MetricKeys,
    IReadOnlyList<ArtifactRow> Artifacts,
    string? LogTail,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? AgentName,
    string? Error = null)
{
    public bool IsLive => Status is "running" or "pending" or "created";
}
