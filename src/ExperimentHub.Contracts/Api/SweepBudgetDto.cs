namespace ExperimentHub.Contracts.Api;

/// <summary>
/// The trial budget: <see cref="Trials"/> counts the submitted trials and every extension, <see cref="ExtraTrials"/> the
/// extensions alone; the parallelism and the time limit in minutes.
/// </summary>
public sealed record SweepBudgetDto(int Trials, int ExtraTrials, int Parallel, double? Minutes, int MaxConsecutiveFailures);
