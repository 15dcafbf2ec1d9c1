using ExperimentHub.Contracts.Agents;
using System.Globalization;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Server.Hubs;

/// <summary>
/// Agents connect here (<see cref="AgentHubProtocol.Path"/>) with an agent or admin API key, or with a key for one
/// sweep (an agent the compute backends started), which gets that sweep's trials only. An agent id belongs to the key
/// that registered it first, and every call acts as the connection's registered agent, so no key can act for another
/// key's agent. The methods are thin: they name the agent of the connection and call <see cref="AgentWorkService"/>,
/// the same dispatch services the API uses.
/// </summary>
[Authorize(Policy = AuthPolicies.Agent)]
public sealed class AgentHub(AgentWorkService work, TrialSetupFailures setupFailures, AgentConnections connections, ComputeInstanceStore instances, ILogger<AgentHub> logger)
    : Hub<IAgentClient>, IAgentHub
{
    private const string AgentKey = "ehub:agent";

    public async Task<RegistrationAccepted> Register(AgentRegistration registration)
    {
        RegistrationAccepted accepted;
        try
        {
            accepted = await work.RegisterAsync(registration, Claim(ApiKeyClaims.KeyId), Context.ConnectionAborted);
        }
        catch (ArgumentException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (AgentOwnershipException ex)
        {
            logger.LogWarning("Refused key #{KeyId}'s registration as agent {AgentId}, which another key registered", Claim(ApiKeyClaims.KeyId), ex.AgentId);
            throw new HubException(ex.Message);
        }
        if (Context.Items.TryGetValue(AgentKey, out var previous) && previous is string old && old != registration.InstanceId)
        {
            connections.Remove(old, Context.ConnectionId);
        }
        Context.Items[AgentKey] = registration.InstanceId;
        connections.Add(registration.InstanceId, Context.ConnectionId);
        if (OnlySweepId is not null && Claim(ApiKeyClaims.KeyId) is { } keyId)
        {
            await instances.AgentRegisteredAsync(keyId, registration.InstanceId, Context.ConnectionAborted);
        }
        logger.LogInformation("Agent {Name} on {Host} registered ({Slots} slots, {Gpus} GPUs) as {AgentId}",
            registration.Name, registration.Host, registration.Slots, registration.Gpus?.Count ?? 0, registration.InstanceId);
        return accepted;
    }

    public async Task Heartbeat(Heartbeat heartbeat)
    {
        var stop = await work.HeartbeatAsync(AgentId, heartbeat, Context.ConnectionAborted);
        foreach (var runId in stop)
        {
            await Clients.Caller.StopTrial(new StopTrial(runId, "this agent no longer holds the trial (its lease expired or the trial ended)"));
        }
    }

    public Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request) =>
        work.RequestWorkAsync(AgentId, request, ApiUrl(), OnlySweepId, Context.ConnectionAborted);

    public async Task TrialStarted(TrialStarted started)
    {
        if (!await work.TrialStartedAsync(AgentId, started, Context.ConnectionAborted))
        {
            await Clients.Caller.StopTrial(new StopTrial(started.RunId, "this agent no longer holds the trial"));
        }
    }

    public Task ReportMetrics(MetricReport report) => work.ReportMetricsAsync(AgentId, report, Context.ConnectionAborted);

    public Task ReportLogs(LogLines lines) => work.ReportLogsAsync(AgentId, lines, Context.ConnectionAborted);

    public Task TrialEnded(TrialEnd report) => work.TrialEndedAsync(AgentId, report, Context.ConnectionAborted);

    public Task<IReadOnlyList<TrialAssignment>> EndTrialAndRequestWork(TrialEnd report, WorkRequest request) =>
        work.EndTrialAndRequestWorkAsync(AgentId, report, request, ApiUrl(), OnlySweepId, Context.ConnectionAborted);

    public Task TrialSetupFailed(TrialSetupFailure failure) => setupFailures.HandBackAsync(AgentId, failure, Context.ConnectionAborted);

    public Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds) =>
        work.ReattachAsync(AgentId, runningRunIds, Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(AgentKey, out var value) && value is string agentId && connections.Remove(agentId, Context.ConnectionId))
        {
            await work.DisconnectedAsync(agentId, CancellationToken.None);
        }
        await base.OnDisconnectedAsync(exception);
    }

    private string AgentId =>
        Context.Items.TryGetValue(AgentKey, out var value) && value is string id
            ? id
            : throw new HubException($"call {AgentHubMethods.Register} first: this connection has not registered an agent");

    /// <summary>The one sweep a sweep agent key may serve; null for an admin key.</summary>
    private long? OnlySweepId => Claim(ApiKeyClaims.SweepId);

    private long? Claim(string type) =>
        long.TryParse(Context.User?.FindFirst(type)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The address the agent reached the server at, as trials should reach it too.</summary>
    private string ApiUrl()
    {
        var request = Context.GetHttpContext()?.Request;
        return request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
