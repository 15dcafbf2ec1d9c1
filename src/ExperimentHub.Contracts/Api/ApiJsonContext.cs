using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>Source-generated metadata for the API's hot bodies (metric batches, series), ahead of reflection.</summary>
[JsonSerializable(typeof(MetricBatchRequest))]
[JsonSerializable(typeof(MetricBatchResultDto))]
[JsonSerializable(typeof(MetricSeriesDto))]
[JsonSerializable(typeof(MetricKeysDto))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
