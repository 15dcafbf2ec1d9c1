namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>An instance or job of a sweep that ended, and why (the terminator's words, or a Slurm job's final state from sacct).</summary>
public sealed record ComputeEnd(string ExternalId, string Reason);
