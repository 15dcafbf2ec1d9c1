namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>A trial handed out by an ask: its run (the trial's id), number, parameters, run token and expiry.</summary>
public sealed record AskedTrial(long RunId, long SweepId, int TrialNumber, string ParamsJson, string Token, DateTimeOffset ExpiresAt);
