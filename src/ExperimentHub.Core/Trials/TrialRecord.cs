namespace ExperimentHub.Core.Trials;

/// <summary>
/// What a sampler or pruner knows of one trial of a sweep: its parameters, its state, and for finished trials
/// the final value of each metric. The store builds these; Core never reads a database.
/// </summary>
public sealed record TrialRecord
{
    public required long Id { get; init; }
    public required IReadOnlyDictionary<string, object> Parameters { get; init; }
    public required TrialState State { get; init; }
    /// <summary>Final metric values by key (summary), for completed trials; may be partial for others.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>The early-stopping metric's values by step, in step order.</summary>
    public IReadOnlyList<IntermediateValue> Intermediate { get; init; } = [];

    /// <summary>
    /// The objective values turned into losses (to minimize), in objective order; null when the trial did not
    /// complete or lacks a finite value for any objective.
    /// </summary>
    public double[]? Losses(IReadOnlyList<Objective> objectives)
    {
        if (State != TrialState.Completed)
        {
            return null;
        }
        var losses = new double[objectives.Count];
        for (var i = 0; i < objectives.Count; i++)
        {
            if (!Metrics.TryGetValue(objectives[i].Metric, out var v) || !double.IsFinite(v))
            {
                return null;
            }
            losses[i] = objectives[i].ToLoss(v);
        }
        return losses;
    }

    /// <summary>Completed with every objective finite and every constraint met.</summary>
    public bool IsFeasible(IReadOnlyList<Objective> objectives, IReadOnlyList<Constraint> constraints) =>
        Losses(objectives) is not null &&
        constraints.All(c => Metrics.TryGetValue(c.Metric, out var v) && c.IsMetBy(v));
}
