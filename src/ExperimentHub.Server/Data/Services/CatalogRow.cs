namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// One run of the catalog. <see cref="Metrics"/> holds each metric's last value, overridden by the summary given at
/// finish; <see cref="Sweep"/> the objectives and search space of its sweep (null outside one); <see cref="Feasible"/>
/// whether it completed with every objective and within every constraint (null outside a sweep);
/// <see cref="Artifacts"/> its artifact paths; the rest is provenance.
/// </summary>
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
    IReadOnlyDictionary<string, double> Metrics,
    string? Dataset = null,
    string? CodeVersion = null,
    long? WarmStartSweepId = null,
    long? WarmStartRunId = null,
    CatalogSweep? Sweep = null,
    IReadOnlyList<string>? Artifacts = null)
{
    /// <summary>Null outside a sweep (or where its spec no longer parses).</summary>
    public bool? Feasible => Sweep?.IsFeasible(Status, Metrics);

    /// <summary>Each artifact as its download path under the API (<c>/api/v1/runs/{id}/artifacts/{path}</c>).</summary>
    public IEnumerable<string> ArtifactLinks => (Artifacts ?? []).Select(a => ArtifactLink(Id, a));

    public static string ArtifactLink(long runId, string path) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/api/v1/runs/{runId}/artifacts/")
        + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Seconds from start to end; null while either is missing.</summary>
    public double? DurationSeconds => StartedAt is { } start && EndedAt is { } end ? (end - start).TotalSeconds : null;
}
