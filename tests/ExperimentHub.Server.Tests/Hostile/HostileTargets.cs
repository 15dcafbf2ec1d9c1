namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>The rows the hostile requests aim at, made before the suite runs.</summary>
public sealed record HostileTargets(
    string AdminKey, string ProjectKey, long RunId, string RunToken, long OtherRunId, string OtherRunToken, long SweepId,
    string ValidSpec, long MaxBodyBytes);
