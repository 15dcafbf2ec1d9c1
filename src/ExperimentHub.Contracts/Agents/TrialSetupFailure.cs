namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The agent could not make the trial's code ready (the repository cannot be fetched, the install failed). The trial
/// never ran: the server hands it back to the queue unharmed and pauses the sweep with <paramref name="Reason"/>,
/// showing <paramref name="Log"/> (the end of the git or install output).
/// </summary>
public sealed record TrialSetupFailure(long RunId, string Reason, string Log);
