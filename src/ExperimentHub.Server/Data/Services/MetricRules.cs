using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// What makes a metric point valid, whichever way it arrives: the metrics API, a run's final summary, or an agent's
/// report over the hub. Each check answers null when the value is valid, else why not.
/// </summary>
public static class MetricRules
{
    public static string? ValidateKey(string? key) => key switch
    {
        null or "" => "a metric key may not be empty",
        { Length: > MetricIngest.MaxKeyLength } => $"a metric key has at most {MetricIngest.MaxKeyLength} characters",
        _ when VisibleText.FindHidden(key) is { } hidden => $"a metric key may not hold control or bidirectional characters: it {hidden}",
        _ => null,
    };

    public static string? ValidateStep(long step) => step < 0 ? "a step is 0 or more" : null;
}
