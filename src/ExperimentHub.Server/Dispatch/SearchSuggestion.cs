using ExperimentHub.Core.WarmStarts;

namespace ExperimentHub.Server.Dispatch;

/// <summary>A new trial's parameters, and the earlier trial they came from when they are a point of the warm-start design.</summary>
public sealed record SearchSuggestion(IReadOnlyDictionary<string, object> Parameters, DesignPoint? FromHistory);
