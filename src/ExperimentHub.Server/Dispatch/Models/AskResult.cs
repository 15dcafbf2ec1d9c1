namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>An asked trial (its run, token and expiry), or why there is none.</summary>
public sealed record AskResult(AskOutcome Outcome, string? Message = null, AskedTrial? Trial = null);
