namespace ExperimentHub.Server.Api.Models;

public sealed record MetricBatchRequest(IReadOnlyList<MetricPointRequest> Points);
