namespace ExperimentHub.Core.Trials;

/// <summary>A metric bound; a finished trial outside it is infeasible.</summary>
public sealed record Constraint(string Metric, double? Min, double? Max)
{
    public bool IsMetBy(double value) =>
        !double.IsNaN(value) && (Min is not { } lo || value >= lo) && (Max is not { } hi || value <= hi);
}
