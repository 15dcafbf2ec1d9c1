using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Data.Services;

/// <summary>Runs newest first; pass <see cref="NextBeforeId"/> as <c>beforeId</c> for the next page (null at the end).</summary>
public sealed record RunPage(IReadOnlyList<Run> Runs, long? NextBeforeId);
