namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The trial's process is running: its id, the GPU indices it was given (empty when none), and the code version it
/// runs (the git commit of its working folder, when that is a repository).
/// </summary>
public sealed record TrialStarted(long RunId, int Pid, IReadOnlyList<int> GpuIndices, string? CodeVersion = null);
