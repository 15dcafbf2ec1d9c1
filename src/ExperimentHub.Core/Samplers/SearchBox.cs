using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// The part of the unit cube where a sampler looks for its next points. From a warm-start history it is the box around
/// the best configurations of the earlier sweeps, widened by a margin (a learned search space, as in Perrone et al.,
/// NeurIPS 2019): a related problem's good region moves a little, not across the space. Categorical coordinates keep
/// their whole range.
/// </summary>
internal sealed class SearchBox
{
    /// <summary>The share of each earlier sweep's feasible trials, best first, that the box encloses (at least three).</summary>
    private const double BestShare = 0.1;
    /// <summary>How far the box reaches past those trials, as a share of each range.</summary>
    private const double Margin = 0.1;

    private SearchBox(double[] lower, double[] upper)
    {
        Lower = lower;
        Upper = upper;
    }

    public double[] Lower { get; }

    public double[] Upper { get; }

    public static SearchBox Whole(SearchSpace space) =>
        new(new double[space.Dimensions], [.. Enumerable.Repeat(1.0, space.Dimensions)]);

    public static SearchBox AroundBest(SearchSpace space, IReadOnlyList<Observation> history)
    {
        var best = history.Where(o => o.Feasible && o.Losses is not null)
            .GroupBy(o => o.Task)
            .SelectMany(g => g.OrderBy(o => o.Losses![0]).Take(Math.Max(3, (int)Math.Ceiling(BestShare * g.Count()))))
            .ToList();
        var box = Whole(space);
        if (best.Count == 0)
        {
            return box;
        }
        for (var d = 0; d < space.Dimensions; d++)
        {
            // An aligned history (HistoryAlignment) may lie partly outside the cube: its nearest face stands in.
            var values = best.Select(o => o.Point[d]).Where(v => !double.IsNaN(v)).Select(v => Math.Clamp(v, 0, 1)).ToList();
            if (space.Parameters[d].Kind == ParameterKind.Categorical || values.Count == 0)
            {
                continue;
            }
            box.Lower[d] = Math.Max(0, values.Min() - Margin);
            box.Upper[d] = Math.Min(1, values.Max() + Margin);
        }
        return box;
    }

    /// <summary>
    /// A box centred on <paramref name="center"/> (an incumbent) for local refinement, each half-width proportional to
    /// that input's length-scale (as in TuRBO: the box is long where the function changes slowly), scaled so that
    /// their geometric mean is <paramref name="halfWidth"/>, and clipped to <paramref name="within"/>.
    /// </summary>
    public static SearchBox Around(SearchSpace space, double[] center, double[] lengthScales, double halfWidth, SearchBox within)
    {
        var box = new SearchBox([.. within.Lower], [.. within.Upper]);
        var numeric = Enumerable.Range(0, space.Dimensions).Where(d => space.Parameters[d].Kind != ParameterKind.Categorical && !double.IsNaN(center[d])).ToList();
        if (numeric.Count == 0)
        {
            return box;
        }
        var meanLog = numeric.Average(d => Math.Log(lengthScales[d]));
        foreach (var d in numeric)
        {
            var w = halfWidth * Math.Exp(Math.Log(lengthScales[d]) - meanLog);
            box.Lower[d] = Math.Max(within.Lower[d], center[d] - w);
            box.Upper[d] = Math.Min(within.Upper[d], center[d] + w);
            if (box.Lower[d] > box.Upper[d])
            {
                (box.Lower[d], box.Upper[d]) = (within.Lower[d], within.Upper[d]);
            }
        }
        return box;
    }

    /// <summary>The box a share <paramref name="t"/> (0 to 1) of the way from <paramref name="inner"/> to <paramref name="outer"/>, face by face.</summary>
    public static SearchBox Between(SearchBox inner, SearchBox outer, double t)
    {
        var lower = new double[inner.Lower.Length];
        var upper = new double[inner.Upper.Length];
        for (var d = 0; d < lower.Length; d++)
        {
            lower[d] = inner.Lower[d] + t * (outer.Lower[d] - inner.Lower[d]);
            upper[d] = inner.Upper[d] + t * (outer.Upper[d] - inner.Upper[d]);
        }
        return new SearchBox(lower, upper);
    }

    /// <summary>A point of the unit cube moved into the box (scaled, coordinate by coordinate).</summary>
    public double[] Scale(ReadOnlySpan<double> unit)
    {
        var result = new double[unit.Length];
        for (var d = 0; d < unit.Length; d++)
        {
            result[d] = Lower[d] + unit[d] * (Upper[d] - Lower[d]);
        }
        return result;
    }

    public double Clamp(int dimension, double value) => Math.Clamp(value, Lower[dimension], Upper[dimension]);
}
