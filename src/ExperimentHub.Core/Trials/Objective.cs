namespace ExperimentHub.Core.Trials;

public sealed record Objective(string Metric, Goal Goal)
{
    /// <summary>The value turned into one to minimize, so that samplers think in one direction.</summary>
    public double ToLoss(double value) => Goal == Goal.Maximize ? -value : value;
}
