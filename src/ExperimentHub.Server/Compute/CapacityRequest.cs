using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Compute;

/// <param name="SweepId">The sweep the agent serves (tagged on the instance, named in the job).</param>
/// <param name="Resources">The sweep's <c>resources</c>.</param>
/// <param name="AgentName">The name the agent registers with.</param>
/// <param name="AgentKey">The agent's key: it may run this sweep's trials only.</param>
public sealed record CapacityRequest(long SweepId, ResourcesSpec Resources, string AgentName, string AgentKey);
