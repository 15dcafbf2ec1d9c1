using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Server.Hubs;

/// <summary>Dispatch's messages to agents, sent over the agent hub; an agent that is gone is simply not reached.</summary>
internal sealed class HubAgentNotifier(IHubContext<AgentHub, IAgentClient> hub, AgentConnections connections, ILogger<HubAgentNotifier> logger) : IAgentNotifier
{
    public async Task StopTrialAsync(string agentId, long runId, string reason)
    {
        var targets = connections.ConnectionsOf(agentId);
        if (targets.Count == 0)
        {
            // Not connected: its heartbeat or reattach after a reconnect learns the run is no longer its own.
            return;
        }
        try
        {
            await hub.Clients.Clients(targets).StopTrial(new StopTrial(runId, reason));
        }
#pragma warning disable CA1031 // A send to a closing connection must not fail the dispatcher's work.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogDebug(ex, "Could not tell agent {AgentId} to stop run {RunId}", agentId, runId);
        }
    }

    public async Task WorkAvailableAsync()
    {
        try
        {
            await hub.Clients.All.WorkAvailable();
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogDebug(ex, "Could not tell agents that work is available");
        }
    }
}
