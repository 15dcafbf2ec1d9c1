using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Pruners;

/// <summary>Decides, after each reported step, whether a running trial goes on. Deterministic; no I/O.</summary>
public interface IPruner
{
    /// <param name="trial">The running trial, with its intermediate values so far.</param>
    /// <param name="trials">Every trial of the sweep (the running one included), with their intermediate values.</param>
    PruneDecision Decide(TrialRecord trial, IReadOnlyList<TrialRecord> trials);
}
