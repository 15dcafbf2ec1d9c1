using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Pruners;

/// <summary>Reads learning curves (intermediate values in step order) the way both pruners need them.</summary>
internal static class IntermediateCurves
{
    /// <summary>Whether <paramref name="candidate"/> is better than <paramref name="reference"/> under the goal.</summary>
    public static bool IsBetter(double candidate, double reference, Goal goal) =>
        goal == Goal.Minimize ? candidate < reference : candidate > reference;

    /// <summary>The best non-NaN value at steps up to <paramref name="count"/> entries in, or NaN when there is none.</summary>
    public static double BestOfFirst(IReadOnlyList<IntermediateValue> curve, int count, Goal goal)
    {
        var best = double.NaN;
        for (var i = 0; i < count; i++)
        {
            var v = curve[i].Value;
            if (!double.IsNaN(v) && (double.IsNaN(best) || IsBetter(v, best, goal)))
            {
                best = v;
            }
        }
        return best;
    }

    /// <summary>The index of the last value at a step at or before <paramref name="step"/>, or -1.</summary>
    public static int LastAtOrBefore(IReadOnlyList<IntermediateValue> curve, long step)
    {
        int lo = 0, hi = curve.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (curve[mid].Step <= step)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>The index of the first value at a step at or after <paramref name="step"/>, or -1.</summary>
    public static int FirstAtOrAfter(IReadOnlyList<IntermediateValue> curve, long step)
    {
        var before = LastAtOrBefore(curve, step - 1);
        return before + 1 < curve.Count ? before + 1 : -1;
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
