using System.Collections.Concurrent;

namespace ExperimentHub.Server.Hubs;

/// <summary>Which hub connections belong to which agent (one normally; two briefly while a reconnect overlaps the old socket).</summary>
public sealed class AgentConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byAgent = new(StringComparer.Ordinal);

    public void Add(string agentId, string connectionId) =>
        _byAgent.GetOrAdd(agentId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[connectionId] = 0;

    /// <summary>Forgets a connection; true when the agent has none left.</summary>
    public bool Remove(string agentId, string connectionId)
    {
        if (!_byAgent.TryGetValue(agentId, out var connections))
        {
            return true;
        }
        connections.TryRemove(connectionId, out _);
        return connections.IsEmpty;
    }

    public IReadOnlyList<string> ConnectionsOf(string agentId) =>
        _byAgent.TryGetValue(agentId, out var connections) ? connections.Keys.ToList() : [];

    /// <summary>Agents with at least one open connection.</summary>
    public IReadOnlyList<string> ConnectedAgents => _byAgent.Where(p => !p.Value.IsEmpty).Select(p => p.Key).ToList();
}
