namespace ExperimentHub.Server.Api.Models;

public sealed record MetricKeysDto(long RunId, IReadOnlyList<MetricKeyDto> Metrics);
