using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Trials;

/// <summary>How a trial's process ended (see <see cref="TrialEnd"/>, which this becomes).</summary>
public sealed record TrialResult(TrialOutcome Outcome, int? ExitCode, string? Error, string LogTail)
{
    public TrialEnd ToTrialEnd(long runId) => new(runId, Outcome, ExitCode, Error, LogTail);
}
