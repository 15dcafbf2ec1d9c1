using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Gpus;

/// <summary>The GPUs found; <see cref="Problem"/> says why none were found when nvidia-smi exists but failed.</summary>
public sealed record GpuDetection(IReadOnlyList<GpuInfo> Gpus, string? Problem);
