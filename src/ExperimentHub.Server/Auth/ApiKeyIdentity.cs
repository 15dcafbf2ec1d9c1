using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Auth;

/// <summary>What a valid key stands for.</summary>
public sealed record ApiKeyIdentity(long KeyId, string Name, ApiKeyScope Scope, long? RunId, long? SweepId = null);
