using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// A sweep's state (<c>GET /api/v1/sweeps/{id}</c>): status (running, paused, stopped, completed, failed) and why,
/// trial counts, budget. <see cref="Best"/> is the best feasible trial of a single-objective sweep; <see cref="Pareto"/>
/// the non-dominated feasible trials (of every sweep, one trial for a single objective). <see cref="SetupLog"/> is the
/// end of the git or install output when an agent could not make the sweep's code ready and paused it. <see cref="ComputeBackend"/>
/// is where its trials run (agents, ec2, slurm); <see cref="ComputeProblem"/> why it lacks capacity now (a quota or
/// capacity error, retried with backoff); <see cref="CostDollars"/> what its own instances cost so far (null when it
/// started none, or their price is unknown).
/// </summary>
public sealed record SweepDto(
    long Id,
    string ProjectKey,
    string Name,
    string Status,
    string? StatusReason,
    string Method,
    IReadOnlyList<SweepObjectiveDto> Objectives,
    int TrialsTotal,
    int TrialsCompleted,
    int TrialsRunning,
    int TrialsPending,
    int TrialsFailed,
    int TrialsPruned,
    int TrialsStopped,
    SweepBudgetDto Budget,
    TrialResultDto? Best,
    IReadOnlyList<TrialResultDto> Pareto,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? SetupLog = null,
    WarmStartDto? WarmStart = null,
    string ComputeBackend = "agents",
    string? ComputeProblem = null,
    double? CostDollars = null)
{
    /// <summary>Completed, stopped and failed sweeps change no more; a paused one waits for a resume.</summary>
    [JsonIgnore]
    public bool IsFinished => Status is "completed" or "stopped" or "failed";
}
