using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Samplers;

/// <summary>What every sampler reads off a context the same way.</summary>
internal static class SamplerSupport
{
    /// <summary>Fingerprints of every trial of the sweep, whatever its state, so nothing is suggested twice.</summary>
    public static HashSet<string> Taken(SearchContext context)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in context.Trials)
        {
            taken.Add(context.Space.Fingerprint(t.Parameters));
        }
        return taken;
    }

    /// <summary>
    /// Finished trials of the warm-start history (task k for the k-th earlier sweep) and of this sweep (task 0).
    /// Completed trials carry their losses; failed ones, and completed ones that break a constraint or lack an
    /// objective, are infeasible. Pruned and stopped trials say nothing about the final objective and are left out.
    /// </summary>
    public static List<Observation> Observations(SearchContext context)
    {
        var result = new List<Observation>();
        for (var k = 0; k < context.History.Count; k++)
        {
            AddFinished(context, context.History[k].Trials, k + 1, result);
        }
        AddFinished(context, context.Trials, 0, result);
        return result;
    }

    private static void AddFinished(SearchContext context, IEnumerable<TrialRecord> trials, int task, List<Observation> result)
    {
        foreach (var t in trials)
        {
            if (t.State is not (TrialState.Completed or TrialState.Failed))
            {
                continue;
            }
            var losses = t.Losses(context.Objectives);
            var feasible = t.IsFeasible(context.Objectives, context.Constraints);
            var constraintValues = context.Constraints
                .Select(c => t.State == TrialState.Completed && t.Metrics.TryGetValue(c.Metric, out var v) && double.IsFinite(v) ? v : double.NaN)
                .ToArray();
            result.Add(new Observation(context.Space.Encode(t.Parameters), losses, feasible, constraintValues, task));
        }
    }

    /// <summary>Unit-cube points of trials that are pending or running: suggestions must keep away from them.</summary>
    public static List<double[]> Pending(SearchContext context) =>
        [.. context.Trials.Where(t => t.State is TrialState.Pending or TrialState.Running).Select(t => context.Space.Encode(t.Parameters))];

    /// <summary>Snaps a unit-cube point to the values it decodes to (bins, steps) with NaN for inactive parameters.</summary>
    public static double[] Canonical(SearchSpace space, ReadOnlySpan<double> unit) => space.Encode(space.Decode(unit.ToArray()));

    /// <summary>A uniformly random point of the unit cube, decoded.</summary>
    public static Dictionary<string, object> Uniform(SearchSpace space, Random random)
    {
        var u = new double[space.Dimensions];
        for (var i = 0; i < u.Length; i++)
        {
            u[i] = random.NextDouble();
        }
        return space.Decode(u);
    }

    public static void ValidateCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
    }
}
