namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>The rows the hostile requests aim at, made before the suite runs.</summary>
/// <param name="KeyId">A live key, for the calls that revoke one.</param>
/// <param name="AgentKey">A valid agent key, which serves the hub and no API call.</param>
public sealed record HostileTargets(
    string AdminKey, string ProjectKey, long RunId, string RunToken, long OtherRunId, string OtherRunToken, long SweepId,
    string ValidSpec, long MaxBodyBytes, long KeyId, string AgentKey);
