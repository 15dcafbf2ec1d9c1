namespace ExperimentHub.Server.Dispatch;

/// <summary>A new trial row to insert: its number within the sweep and its parameters as JSON.</summary>
public sealed record PendingTrial(int TrialNumber, string ParamsJson);
