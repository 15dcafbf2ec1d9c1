using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Data.Services;

/// <summary>A new run and its token, whose text exists only here (the store keeps its hash).</summary>
public sealed record CreatedRun(Run Run, string Token);
