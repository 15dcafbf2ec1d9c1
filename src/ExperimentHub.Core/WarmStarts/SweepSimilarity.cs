using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.WarmStarts;

/// <summary>
/// How alike an earlier sweep is to a new one, from 0 (unrelated) to 1 (the same problem): the objectives must be the
/// same metrics with the same goals, else 0; then each parameter of either space counts by how much it overlaps in the
/// other (same name and kind; numeric ranges by the overlap of their intervals, on the log scale where both are log,
/// choices by the share they have in common), and the score is the mean over the parameters of both spaces.
/// </summary>
public static class SweepSimilarity
{
    /// <summary>Below this, a sweep is not related enough to borrow configurations from.</summary>
    public const double RelatedThreshold = 0.3;

    public static double Score(IReadOnlyList<Objective> objectives, SearchSpace space, PriorSweep prior)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(prior);
        if (!SameObjectives(objectives, prior.Objectives))
        {
            return 0;
        }
        var names = space.Parameters.Select(p => p.Name).Union(prior.Space.Parameters.Select(p => p.Name), StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return 0;
        }
        var total = 0.0;
        foreach (var name in names)
        {
            var mine = space.IndexOf(name);
            var theirs = prior.Space.IndexOf(name);
            if (mine >= 0 && theirs >= 0)
            {
                total += Overlap(space.Parameters[mine], prior.Space.Parameters[theirs]);
            }
        }
        return total / names.Count;
    }

    /// <summary>How much two definitions of one parameter overlap, from 0 to 1 (0 when their kinds differ).</summary>
    public static double Overlap(ParameterDefinition a, ParameterDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Kind != b.Kind)
        {
            return 0;
        }
        if (a.Kind == ParameterKind.Categorical)
        {
            var shared = a.Choices.Count(c => b.IndexOf(c) >= 0);
            var union = a.Choices.Count + b.Choices.Count - shared;
            return union == 0 ? 0 : (double)shared / union;
        }
        var log = a.Log && b.Log && a.Min > 0 && b.Min > 0;
        double Scale(double x) => log ? Math.Log(x) : x;
        var (aLo, aHi, bLo, bHi) = (Scale(a.Min), Scale(a.Max), Scale(b.Min), Scale(b.Max));
        var intersection = Math.Min(aHi, bHi) - Math.Max(aLo, bLo);
        var span = Math.Max(aHi, bHi) - Math.Min(aLo, bLo);
        if (span <= 0)
        {
            // Both are one point: the same point overlaps fully.
            return aLo == bLo ? 1 : 0;
        }
        return Math.Max(0, intersection) / span;
    }

    private static bool SameObjectives(IReadOnlyList<Objective> a, IReadOnlyList<Objective> b) =>
        a.Count == b.Count && a.Count > 0 &&
        a.All(o => b.Any(p => string.Equals(p.Metric, o.Metric, StringComparison.Ordinal) && p.Goal == o.Goal));
}
