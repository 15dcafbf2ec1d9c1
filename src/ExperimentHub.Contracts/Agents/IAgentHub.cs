namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The hub methods an agent calls on the server at <see cref="AgentHubProtocol.Path"/>. Every call but
/// <see cref="Register"/> requires a registration on the same connection; after a reconnect the agent calls
/// <see cref="Register"/> then <see cref="Reattach"/> before anything else.
/// </summary>
public interface IAgentHub
{
    Task<RegistrationAccepted> Register(AgentRegistration registration);

    /// <summary>Extends the leases of the runs listed; the server may answer with <see cref="IAgentClient.StopTrial"/> for runs it no longer leases to this agent.</summary>
    Task Heartbeat(Heartbeat heartbeat);

    /// <summary>Leases up to <see cref="WorkRequest.FreeSlots"/> trials; an empty list when there is nothing to run.</summary>
    Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request);

    Task TrialStarted(TrialStarted started);

    Task ReportMetrics(MetricReport report);

    Task ReportLogs(LogLines lines);

    Task TrialEnded(TrialEnd report);

    /// <summary>
    /// <see cref="TrialEnded"/> then <see cref="RequestWork"/> in one call: the next trials are leased as the end is
    /// recorded, so a freed slot waits for one round trip, not two. The request counts the ended trial's slot as free.
    /// </summary>
    Task<IReadOnlyList<TrialAssignment>> EndTrialAndRequestWork(TrialEnd report, WorkRequest request);

    /// <summary>The trial's code could not be made ready: the trial goes back to the queue and its sweep pauses.</summary>
    Task TrialSetupFailed(TrialSetupFailure failure);

    /// <summary>
    /// After a reconnect: the runs this agent still runs. Returns those it may keep (leased to it, or still
    /// unleased and not finished); the agent stops the others without reporting them.
    /// </summary>
    Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds);
}
