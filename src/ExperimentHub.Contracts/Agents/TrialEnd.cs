namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The end of a trial. <paramref name="ExitCode"/> is null when the process never started;
/// <paramref name="Error"/> says why in words for anything but <see cref="TrialOutcome.Completed"/>;
/// <paramref name="LogTail"/> holds the last lines of its output.
/// </summary>
public sealed record TrialEnd(long RunId, TrialOutcome Outcome, int? ExitCode, string? Error, string LogTail);
