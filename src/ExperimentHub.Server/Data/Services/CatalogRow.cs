namespace ExperimentHub.Server.Data.Services;

/// <summary>One run of the catalog. <see cref="Metrics"/> holds each metric's last value, overridden by the summary given at finish.</summary>
public sealed record CatalogRow(
    long Id,
    string Project,
    long? SweepId,
    int? TrialNumber,
    string? Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int Attempt,
    int? ExitCode,
    string ParamsJson,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Seconds from start to end; null while either is missing.</summary>
    public double? DurationSeconds => StartedAt is { } start && EndedAt is { } end ? (end - start).TotalSeconds : null;
}
