namespace ExperimentHub.Client.Models;

/// <summary>A sweep's budget: trials as submitted, trials added since, parallel trials, a time limit in minutes.</summary>
public sealed record SweepBudgetInfo(int Trials, int ExtraTrials, int Parallel, double? Minutes, int MaxConsecutiveFailures);
