namespace ExperimentHub.Client.Models;

/// <summary>A new run: its id and the token that may write to it alone.</summary>
public sealed record CreatedRun(long Id, string Token);
