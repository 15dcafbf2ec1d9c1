using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>A registered agent and the trials it holds now, by run id.</summary>
public sealed record AgentHoldings(RegisteredAgent Agent, IReadOnlyList<HeldTrial> Trials);
