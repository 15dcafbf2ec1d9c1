namespace ExperimentHub.Contracts.Api;

public sealed record HealthDto(string Status, int SchemaVersion);
