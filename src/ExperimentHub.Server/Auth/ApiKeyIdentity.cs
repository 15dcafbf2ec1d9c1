using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Auth;

/// <summary>What a valid key stands for: its role, the user it acts for, and the project, run or sweep it is bound to.</summary>
public sealed record ApiKeyIdentity(
    long KeyId,
    string Name,
    string Prefix,
    ApiKeyScope Scope,
    long? UserId,
    long? ProjectId,
    long? RunId,
    long? SweepId,
    DateTimeOffset? ExpiresAt);
