namespace ExperimentHub.Core.Specs;

/// <param name="TimeoutMinutes">A trial running longer is stopped and marked as timed out.</param>
/// <param name="Retries">A failed trial runs again up to this many times before it counts as failed.</param>
/// <param name="Gpus">GPUs each trial needs on its agent.</param>
public sealed record TrialSettings(double? TimeoutMinutes = null, int Retries = 0, int Gpus = 0);
