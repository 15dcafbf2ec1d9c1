namespace ExperimentHub.Server.Api.Models;

public sealed record HealthDto(string Status, int SchemaVersion);
