namespace ExperimentHub.Server.Dispatch;

/// <summary>A trial row just leased to an agent, with the run token made for this attempt.</summary>
public sealed record LeasedTrial(long RunId, long SweepId, int TrialNumber, int Attempt, string ParamsJson, int Gpus, string Token);
