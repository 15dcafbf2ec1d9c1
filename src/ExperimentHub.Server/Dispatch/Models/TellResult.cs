namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>How a tell went; <see cref="Errors"/> names each field at fault when the body was wrong.</summary>
public sealed record TellResult(TellOutcome Outcome, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null);
