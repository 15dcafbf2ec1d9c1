namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>The trial budget (submitted plus extensions), the parallelism and the time limit in minutes.</summary>
public sealed record BudgetInfo(int Trials, int ExtraTrials, int Parallel, double? Minutes, int MaxConsecutiveFailures);
