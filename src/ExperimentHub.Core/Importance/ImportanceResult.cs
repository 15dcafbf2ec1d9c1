namespace ExperimentHub.Core.Importance;

/// <summary>
/// Importances, most important first, summing to 1, for every parameter of the space; empty with a
/// <see cref="Note"/> when the trials cannot tell (fewer than two usable trials, or an objective that never varied).
/// </summary>
public sealed record ImportanceResult(IReadOnlyList<ParameterImportanceEntry> Parameters, int TrialsUsed, string? Note = null);
