namespace ExperimentHub.Client.Models;

/// <summary>A sweep in a project's list.</summary>
public sealed record SweepSummary(long Id, string? ProjectKey, string Name, string Status, string? StatusReason, int TrialBudget, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);
