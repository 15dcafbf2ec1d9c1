namespace ExperimentHub.Server.Components.Services.Models;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
