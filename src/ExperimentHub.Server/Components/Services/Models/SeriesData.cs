namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>A metric series as parallel lists (step, value, when it was logged), already downsampled by the server.</summary>
public sealed record SeriesData(string Key, IReadOnlyList<long> Steps, IReadOnlyList<double> Values, IReadOnlyList<DateTimeOffset> Times, long TotalPoints);
