using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.SignalR.Client;

namespace ExperimentHub.Agent.SignalR;

/// <summary>
/// The agent hub's server methods over the official <see cref="HubConnection"/>, typed as <see cref="IAgentHub"/>
/// (so names and shapes cannot drift from the server's hub), with cancellable overloads for the runner.
/// </summary>
public sealed class AgentHubClient(HubConnection connection) : IAgentHub
{
    public HubConnection Connection { get; } = connection ?? throw new ArgumentNullException(nameof(connection));

    public Task<RegistrationAccepted> Register(AgentRegistration registration) => Register(registration, CancellationToken.None);

    public Task<RegistrationAccepted> Register(AgentRegistration registration, CancellationToken cancellationToken) =>
        Connection.InvokeAsync<RegistrationAccepted>(AgentHubMethods.Register, registration, cancellationToken);

    public Task Heartbeat(Heartbeat heartbeat) => Heartbeat(heartbeat, CancellationToken.None);

    public Task Heartbeat(Heartbeat heartbeat, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(AgentHubMethods.Heartbeat, heartbeat, cancellationToken);

    public Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request) => RequestWork(request, CancellationToken.None);

    public async Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request, CancellationToken cancellationToken) =>
        await Connection.InvokeAsync<List<TrialAssignment>?>(AgentHubMethods.RequestWork, request, cancellationToken) ?? [];

    public Task TrialStarted(TrialStarted started) => TrialStarted(started, CancellationToken.None);

    public Task TrialStarted(TrialStarted started, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(AgentHubMethods.TrialStarted, started, cancellationToken);

    public Task ReportMetrics(MetricReport report) => ReportMetrics(report, CancellationToken.None);

    public Task ReportMetrics(MetricReport report, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(AgentHubMethods.ReportMetrics, report, cancellationToken);

    public Task ReportLogs(LogLines lines) => ReportLogs(lines, CancellationToken.None);

    public Task ReportLogs(LogLines lines, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(AgentHubMethods.ReportLogs, lines, cancellationToken);

    public Task TrialEnded(TrialEnd report) => TrialEnded(report, CancellationToken.None);

    public Task TrialEnded(TrialEnd report, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(AgentHubMethods.TrialEnded, report, cancellationToken);

    public Task<IReadOnlyList<TrialAssignment>> EndTrialAndRequestWork(TrialEnd report, WorkRequest request) =>
        EndTrialAndRequestWork(report, request, CancellationToken.None);

    public async Task<IReadOnlyList<TrialAssignment>> EndTrialAndRequestWork(TrialEnd report, WorkRequest request, CancellationToken cancellationToken) =>
        await Connection.InvokeAsync<List<TrialAssignment>?>(AgentHubMethods.EndTrialAndRequestWork, report, request, cancellationToken) ?? [];

    public Task TrialSetupFailed(TrialSetupFailure failure) => TrialSetupFailed(failure, CancellationToken.None);

    public Task TrialSetupFailed(TrialSetupFailure failure, CancellationToken cancellationToken) =>
        Connection.InvokeAsync(AgentHubMethods.TrialSetupFailed, failure, cancellationToken);

    public Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds) => Reattach(runningRunIds, CancellationToken.None);

    public async Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds, CancellationToken cancellationToken) =>
        await Connection.InvokeAsync<List<long>?>(AgentHubMethods.Reattach, runningRunIds, cancellationToken) ?? [];

    /// <summary>Routes the server's calls to <paramref name="client"/>.</summary>
    public void Handle(IAgentClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Connection.On<StopTrial>(AgentHubMethods.StopTrial, client.StopTrial);
        Connection.On(AgentHubMethods.WorkAvailable, client.WorkAvailable);
    }
}
