namespace ExperimentHub.Server.Data.Services;

/// <summary>Which runs the catalog holds: all, or those of one project and/or one sweep.</summary>
public sealed record CatalogFilter(long? ProjectId = null, long? SweepId = null);
