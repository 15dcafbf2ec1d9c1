using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>One trial row as dispatch and the sweeps API read it: parameters parsed, metrics merged (last values, overridden by the finish summary).</summary>
public sealed record TrialSnapshot(
    long RunId,
    int TrialNumber,
    RunStatus Status,
    IReadOnlyDictionary<string, object> Parameters,
    string ParamsJson,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int Attempt,
    string? Error,
    int? ExitCode,
    string? AgentId)
{
    public bool IsActive => Status is RunStatus.Pending or RunStatus.Leased or RunStatus.Running;

    /// <summary>The trial as samplers and pruners see it; timed-out trials count as failed (infeasible).</summary>
    public TrialRecord ToRecord(IReadOnlyList<IntermediateValue>? intermediate = null) => new()
    {
        Id = RunId,
        Parameters = Parameters,
        State = Status switch
        {
            RunStatus.Pending or RunStatus.Leased => TrialState.Pending,
            RunStatus.Running => TrialState.Running,
            RunStatus.Completed => TrialState.Completed,
            RunStatus.Pruned => TrialState.Pruned,
            RunStatus.Stopped => TrialState.Stopped,
            _ => TrialState.Failed,
        },
        Metrics = Metrics,
        Intermediate = intermediate ?? [],
    };
}
