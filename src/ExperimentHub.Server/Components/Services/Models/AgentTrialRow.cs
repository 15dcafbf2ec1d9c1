namespace ExperimentHub.Server.Components.Services.Models;

public sealed record AgentTrialRow(long RunId, string? RunName, long? SweepId, DateTimeOffset? StartedAt);
