namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>What the run page shows; parameters are formatted for display in spec order.</summary>
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
    string? AgentName)
{
    public bool IsLive => Status is "running" or "pending" or "created";
}
