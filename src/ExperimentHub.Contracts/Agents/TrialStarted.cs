namespace ExperimentHub.Contracts.Agents;

/// <summary>The trial's process is running: its id, and the GPU indices it was given (empty when none).</summary>
public sealed record TrialStarted(long RunId, int Pid, IReadOnlyList<int> GpuIndices);
