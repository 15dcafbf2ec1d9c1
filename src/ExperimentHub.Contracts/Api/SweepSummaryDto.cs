namespace ExperimentHub.Contracts.Api;

/// <summary>A sweep in a project's list.</summary>
public sealed record SweepSummaryDto(long Id, string ProjectKey, string Name, string Status, string? StatusReason, int TrialBudget, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);
