namespace ExperimentHub.Server.Compute;

/// <param name="Trials">Trial rows the sweep has made so far.</param>
/// <param name="Pending">Trials waiting for an agent.</param>
/// <param name="Held">Trials leased to or running on an agent.</param>
public sealed record SweepWork(int Trials, int Pending, int Held);
