using ExperimentHub.Core.MultiObjective;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// A sweep's results from its trials, for the sweeps API and the dashboard alike: which completed trials are
/// feasible (every objective finite, every constraint met), the best of them for one objective, and the
/// non-dominated (Pareto) set for several. Works on any trial shape through two accessors.
/// </summary>
public static class SweepResults
{
    /// <summary>The feasible trial with the lowest loss on <paramref name="objective"/> (the first of equals); null when there is none.</summary>
    public static T? Best<T>(
        IEnumerable<T> trials, Func<T, bool> isCompleted, Func<T, IReadOnlyDictionary<string, double>> metrics,
        Objective objective, IReadOnlyList<Constraint> constraints)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        T? best = null;
        var bestLoss = double.PositiveInfinity;
        foreach (var trial in trials)
        {
            if (Losses(trial, isCompleted, metrics, [objective], constraints) is [var loss] && (best is null || loss < bestLoss))
            {
                best = trial;
                bestLoss = loss;
            }
        }
        return best;
    }

    /// <summary>
    /// Splits the completed trials that have a finite value for every one of <paramref name="objectives"/> into
    /// feasible and infeasible ones, with the feasible ones' losses and which of them are on the Pareto front.
    /// </summary>
    public static ParetoSplit<T> Split<T>(
        IEnumerable<T> trials, Func<T, bool> isCompleted, Func<T, IReadOnlyDictionary<string, double>> metrics,
        IReadOnlyList<Objective> objectives, IReadOnlyList<Constraint> constraints)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objectives);
        var feasible = new List<T>();
        var losses = new List<IReadOnlyList<double>>();
        var infeasible = new List<T>();
        foreach (var trial in trials)
        {
            if (objectives.Count == 0 || Losses(trial, isCompleted, metrics, objectives, []) is not { } loss)
            {
                continue;
            }
            if (MeetsConstraints(metrics(trial), constraints))
            {
                feasible.Add(trial);
                losses.Add(loss);
            }
            else
            {
                infeasible.Add(trial);
            }
        }
        var front = losses.Count == 0 ? [] : ParetoFront.NonDominated(losses);
        return new ParetoSplit<T>(feasible, losses, front, infeasible);
    }

    /// <summary>The objective values as losses (to minimize); null unless the trial completed, each value is finite and every constraint is met.</summary>
    private static double[]? Losses<T>(
        T trial, Func<T, bool> isCompleted, Func<T, IReadOnlyDictionary<string, double>> metrics,
        IReadOnlyList<Objective> objectives, IReadOnlyList<Constraint> constraints)
    {
        if (!isCompleted(trial))
        {
            return null;
        }
        var values = metrics(trial);
        var losses = new double[objectives.Count];
        for (var i = 0; i < objectives.Count; i++)
        {
            if (!values.TryGetValue(objectives[i].Metric, out var v) || !double.IsFinite(v))
            {
                return null;
            }
            losses[i] = objectives[i].ToLoss(v);
        }
        return MeetsConstraints(values, constraints) ? losses : null;
    }

    private static bool MeetsConstraints(IReadOnlyDictionary<string, double> metrics, IReadOnlyList<Constraint> constraints) =>
        constraints.All(c => metrics.TryGetValue(c.Metric, out var v) && c.IsMetBy(v));
}
