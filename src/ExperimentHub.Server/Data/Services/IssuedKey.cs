using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Data.Services;

/// <summary>A new key: its text, which exists only here, and the row that stores its hash.</summary>
public sealed record IssuedKey(string Secret, ApiKey Row);
