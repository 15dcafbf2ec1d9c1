namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>A sweep's own capacity, for its page.</summary>
/// <param name="Backend">ec2 or slurm.</param>
/// <param name="Alive">Instances or jobs not terminated.</param>
/// <param name="Total">Instances or jobs it started in all.</param>
/// <param name="CostDollars">What they cost so far; null when none has a price.</param>
/// <param name="BudgetDollars">The spec's <c>budget.dollars</c>, or null.</param>
/// <param name="Problem">Why it lacks capacity now (a quota, no capacity), or null.</param>
/// <param name="Ended">Its latest instances or jobs that ended, with why, newest first.</param>
public sealed record SweepCompute(string Backend, int Alive, int Total, double? CostDollars, double? BudgetDollars, string? Problem, IReadOnlyList<ComputeEnd> Ended);
