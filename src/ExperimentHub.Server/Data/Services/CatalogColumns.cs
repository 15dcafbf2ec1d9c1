namespace ExperimentHub.Server.Data.Services;

/// <summary>The union of parameter names and metric keys over the runs of a catalog, in ordinal order.</summary>
public sealed record CatalogColumns(IReadOnlyList<string> Params, IReadOnlyList<string> Metrics);
