namespace ExperimentHub.Contracts.Api;

/// <summary>How many points were stored, new to the run or replacing a stored (key, step).</summary>
public sealed record MetricBatchResultDto(int Accepted, int Inserted, int Replaced);
