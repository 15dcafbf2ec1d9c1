namespace ExperimentHub.Server.Data.Entities;

/// <summary>One line of the audit log: who did what to what. Texts, so that it outlives what it names.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who: <c>user alice</c>, <c>key ehk_abc123 (ci)</c>, <c>run 12's token</c>.</summary>
    public required string Actor { get; set; }
    /// <summary>What, as <c>noun.verb</c>: <c>sweep.launch</c>, <c>key.revoke</c>, <c>member.set</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to: <c>sweep 4</c>, <c>key ehk_abc123</c>, <c>user bob</c>.</summary>
    public required string Target { get; set; }
    /// <summary>The project's key, where the action belongs to one.</summary>
    public string? Project { get; set; }
    public string? Detail { get; set; }
}
