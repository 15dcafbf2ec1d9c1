using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.WarmStarts;

/// <summary>
/// A meta-learned initial design for <c>warm_start: auto</c>: the best configurations of the earlier sweeps most
/// similar to the new one (<see cref="SweepSimilarity"/>), moved into the new space, shared among those sweeps in
/// proportion to their similarity. The new sweep evaluates these first; then its model takes over.
/// </summary>
public static class WarmStartDesign
{
    /// <summary>How many design points a sweep of <paramref name="budget"/> trials starts with: a tenth, 2 to 8.</summary>
    public static int SizeFor(int budget) => Math.Clamp(budget / 10, 2, 8);

    public static WarmStartPlan Build(
        IReadOnlyList<Objective> objectives, IReadOnlyList<Constraint> constraints, SearchSpace space, IEnumerable<PriorSweep> priors, int size)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(priors);
        var related = priors
            .Select(p => (Prior: p, Score: SweepSimilarity.Score(objectives, space, p)))
            .Where(x => x.Score >= SweepSimilarity.RelatedThreshold)
            .Select(x => (x.Prior, x.Score, Ranked: Ranked(x.Prior.Trials, objectives, constraints)))
            .Where(x => x.Ranked.Count > 0)
            // Most similar first; of equally similar sweeps, the newer.
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Prior.SweepId)
            .ToList();
        if (related.Count == 0 || size <= 0)
        {
            return WarmStartPlan.Empty;
        }

        var taken = new int[related.Count];
        var used = new int[related.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var design = new List<DesignPoint>();
        while (design.Count < size)
        {
            // The next point goes to the sweep with the highest similarity per point already given (D'Hondt), so the
            // design is shared in proportion to similarity and the most similar sweep gives the first point.
            var pick = -1;
            var best = double.NegativeInfinity;
            for (var i = 0; i < related.Count; i++)
            {
                if (used[i] >= related[i].Ranked.Count)
                {
                    continue;
                }
                var quotient = related[i].Score / (taken[i] + 1);
                if (quotient > best)
                {
                    (best, pick) = (quotient, i);
                }
            }
            if (pick < 0)
            {
                break;
            }
            var trial = related[pick].Ranked[used[pick]++];
            var mapped = Map(trial.Parameters, space);
            // Two configurations may land on one point once clipped to the new ranges: evaluate it once.
            if (!seen.Add(space.Fingerprint(mapped)))
            {
                continue;
            }
            taken[pick]++;
            design.Add(new DesignPoint(mapped, related[pick].Prior.SweepId, trial.Id, related[pick].Score));
        }
        var summary = related.Select((r, i) => new RelatedSweep(r.Prior.SweepId, r.Score, taken[i])).ToList();
        return new WarmStartPlan(summary, design);
    }

    /// <summary>
    /// A configuration moved into <paramref name="space"/>: numbers clipped to the new range (and snapped to its
    /// integers and steps), choices kept only where the new space has them; a parameter the configuration lacks (or
    /// whose choice is gone) takes the middle of its range, or its first choice. Inactive parameters are left out.
    /// </summary>
    public static Dictionary<string, object> Map(IReadOnlyDictionary<string, object> configuration, SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(space);
        var mapped = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in space.Parameters)
        {
            if (!SearchSpace.IsActive(p, mapped))
            {
                continue;
            }
            configuration.TryGetValue(p.Name, out var value);
            mapped[p.Name] = MapValue(p, value);
        }
        return mapped;
    }

    private static object MapValue(ParameterDefinition p, object? value)
    {
        if (p.Kind == ParameterKind.Categorical)
        {
            var index = value is null ? -1 : p.IndexOf(value);
            return index >= 0 ? p.Choices[index] : p.Choices[0];
        }
        if (value is null or string or bool)
        {
            return p.FromUnit(0.5);
        }
        var x = ParameterValues.ToDouble(value);
        if (!double.IsFinite(x))
        {
            return p.FromUnit(0.5);
        }
        // A log-scaled range has no place for zero or below: its lower end is the nearest value.
        return p.Log && x <= 0 ? p.FromUnit(0) : p.FromUnit(p.ToUnit(x));
    }

    /// <summary>A sweep's feasible trials, best first (for several objectives, by the sum of their ranks in each).</summary>
    private static List<TrialRecord> Ranked(IReadOnlyList<TrialRecord> trials, IReadOnlyList<Objective> objectives, IReadOnlyList<Constraint> constraints)
    {
        var feasible = trials.Where(t => t.IsFeasible(objectives, constraints)).ToList();
        if (feasible.Count == 0)
        {
            return feasible;
        }
        var losses = feasible.Select(t => t.Losses(objectives)!).ToList();
        var rankSum = new double[feasible.Count];
        for (var k = 0; k < objectives.Count; k++)
        {
            var order = Enumerable.Range(0, feasible.Count).OrderBy(i => losses[i][k]).ToList();
            for (var r = 0; r < order.Count; r++)
            {
                rankSum[order[r]] += r;
            }
        }
        return Enumerable.Range(0, feasible.Count)
            .OrderBy(i => rankSum[i]).ThenBy(i => losses[i][0]).ThenBy(i => feasible[i].Id)
            .Select(i => feasible[i]).ToList();
    }
}
