namespace ExperimentHub.Contracts.Api;

/// <summary>One line of the audit log.</summary>
public sealed record AuditEventDto(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Project, string? Detail);
