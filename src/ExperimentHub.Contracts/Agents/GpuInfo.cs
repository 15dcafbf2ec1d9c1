namespace ExperimentHub.Contracts.Agents;

/// <summary>One GPU of an agent's machine, as <c>nvidia-smi</c> reports it.</summary>
public sealed record GpuInfo(int Index, string Uuid, string Name, long MemoryMiB);
