namespace ExperimentHub.Server.Auth;

/// <summary>The project a request is about, and for a run its sweep (a run token may read its sweep).</summary>
public sealed record ProjectTarget(long ProjectId, string ProjectKey, long? SweepId, long? RunId);
