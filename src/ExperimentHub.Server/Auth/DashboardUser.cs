using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Auth;

/// <summary>The key a dashboard user signed in with; the cookie keeps its id, never the key itself.</summary>
public sealed record DashboardUser(long KeyId, string Name, string Prefix, ApiKeyScope Scope);
