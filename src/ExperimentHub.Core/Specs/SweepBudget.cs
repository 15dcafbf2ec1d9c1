namespace ExperimentHub.Core.Specs;

/// <param name="Trials">Completed trials to run; for grid, null means the whole grid.</param>
/// <param name="Parallel">Trials pending or running at once.</param>
/// <param name="Minutes">Wall-clock limit of the sweep, or null.</param>
/// <param name="MaxConsecutiveFailures">Failed trials in a row after which the sweep pauses itself.</param>
/// <param name="Dollars">What the sweep's own instances or jobs may cost in all (ec2; slurm where the server sets prices), or null for no limit.</param>
public sealed record SweepBudget(int? Trials, int Parallel = 1, double? Minutes = null, int MaxConsecutiveFailures = 5, double? Dollars = null);
