namespace ExperimentHub.Contracts.Agents;

/// <summary>An agent asks for at most <paramref name="FreeSlots"/> trials that need no more than <paramref name="FreeGpuCount"/> GPUs in all.</summary>
public sealed record WorkRequest(int FreeSlots, int FreeGpuCount);
