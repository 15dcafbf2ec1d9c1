namespace ExperimentHub.Contracts.Api;

public sealed record MetricKeysDto(long RunId, IReadOnlyList<MetricKeyDto> Metrics);
