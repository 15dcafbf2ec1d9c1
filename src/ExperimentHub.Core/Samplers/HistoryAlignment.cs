using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Lines an earlier sweep up with this one when its landscape sits translated: a related problem (new data, a changed
/// model) often keeps the shape of its objective while its good region moves, and a transfer that assumes both sweeps
/// agree at the same point then points at the old optimum. For each earlier sweep, a process fitted to its trials
/// gives its landscape m(x); the shift δ of the numeric coordinates is the one under which this sweep's trials read
/// best as an affine image of it, y ≈ a·m(x − δ) + b with a ≥ 0, by profile likelihood with a Gaussian prior on δ
/// (<see cref="ShiftScale"/> of each range). The shift is applied only when the evidence asks for it: with enough own
/// trials to fit it (<see cref="ExtraTrials"/> beyond its parameters), when the shifted fit explains most of their
/// variance (<see cref="MaxAlignedResidual"/>), and when it beats the unshifted one
/// by a likelihood-ratio test at <see cref="TestLevel"/> (χ² with one degree of freedom per shifted coordinate), each
/// fit's residual variance floored at <see cref="ResidualFloor"/> so that the earlier landscape's own modelling error
/// cannot pass for evidence. A history that already lines up (the same problem unshifted) or that is unrelated (no
/// shift explains this sweep's trials well) is left exactly where it is. The earlier sweep's trials are then moved by
/// δ, and every later use of the history (the multi-task model, the search box, the history's best as candidates) sees
/// them where they now belong. The fit reads the first objective and draws from its own random source, so a history
/// left in place changes nothing else of the suggestion.
/// </summary>
internal static class HistoryAlignment
{
    /// <summary>The prior's standard deviation of a shift, per coordinate, as a share of the range.</summary>
    private const double ShiftScale = 0.1;
    /// <summary>The largest shift considered, per coordinate.</summary>
    private const double MaxShift = 0.3;
    private const int RandomShifts = 256;
    private const int RefineStarts = 3;
    /// <summary>Own trials needed besides one per shifted coordinate and the affine map's two parameters.</summary>
    private const int ExtraTrials = 3;
    /// <summary>The smallest residual variance of a fit (standardized losses) the test credits: R² beyond 0.99 is not evidence.</summary>
    private const double ResidualFloor = 0.01;
    /// <summary>The test's false-alarm rate: how often a history that needs no shift would be moved all the same.</summary>
    private const double TestLevel = 0.001;
    /// <summary>
    /// The largest residual variance (standardized losses) an aligned fit may leave: a shift that explains this sweep's
    /// trials only in part, however much better than none, finds a resemblance rather than the same landscape moved.
    /// </summary>
    private const double MaxAlignedResidual = 0.2;

    /// <summary>The observations with each earlier sweep's points moved by its fitted shift (this sweep's unchanged).</summary>
    public static List<Observation> Align(List<Observation> observations, SearchSpace space, Random random)
    {
        var own = observations.Where(o => o.Task == 0 && o.Losses is not null).ToList();
        var numeric = Enumerable.Range(0, space.Dimensions).Where(d => space.Parameters[d].Kind != ParameterKind.Categorical).ToArray();
        // The fit has a scale and a level besides the shift: it needs a few more trials than those to say anything.
        if (numeric.Length == 0 || own.Count < numeric.Length + 2 + ExtraTrials)
        {
            return observations;
        }
        var result = new List<Observation>(observations);
        foreach (var task in observations.Where(o => o.Task != 0).Select(o => o.Task).Distinct().ToList())
        {
            var earlier = observations.Where(o => o.Task == task && o.Losses is not null).ToList();
            if (earlier.Count < numeric.Length + 2 + ExtraTrials)
            {
                continue;
            }
            var shift = FitShift(space, numeric, earlier, own, random);
            if (Array.TrueForAll(shift, s => s == 0))
            {
                continue;
            }
            for (var i = 0; i < result.Count; i++)
            {
                if (result[i].Task == task)
                {
                    result[i] = result[i] with { Point = Moved(result[i].Point, numeric, shift, 1) };
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The shift of the numeric coordinates (in the order of <paramref name="numeric"/>) that best explains
    /// <paramref name="own"/>, or zeros where the evidence does not support moving the history at all.
    /// </summary>
    internal static double[] FitShift(SearchSpace space, int[] numeric, List<Observation> earlier, List<Observation> own, Random random)
    {
        var features = new FeatureMap(space);
        // Losses as they are (standardized): the affine map absorbs a change of level or spread exactly, where a
        // rank transform of each sweep would bend it and pull the fitted shift off.
        var earlierTargets = Standardized([.. earlier.Select(o => o.Losses![0])]);
        var ownTargets = Standardized([.. own.Select(o => o.Losses![0])]);
        var inputs = earlier.Select(o => features.Map(o.Point)).ToList();
        var landscape = new GaussianProcess(inputs, earlierTargets, GaussianProcess.Fit(inputs, earlierTargets, random));
        var scratch = new double[landscape.Size];
        var predicted = new double[own.Count];

        double Residual(double[] shift)
        {
            for (var i = 0; i < own.Count; i++)
            {
                predicted[i] = landscape.Predict(features.Map(Moved(own[i].Point, numeric, shift, -1)), scratch).Mean;
            }
            return AffineResidual(predicted, ownTargets) / own.Count;
        }

        double Cost(double[] shift) => 0.5 * own.Count * Math.Log(Residual(shift) + 1e-9) + 0.5 * shift.Sum(s => s * s) / (ShiftScale * ShiftScale);

        var zero = new double[numeric.Length];
        var candidates = new List<double[]> { zero };
        // The move from the history's best trial to this sweep's best is a natural guess; random shifts cover the rest.
        var earlierBest = earlier.MinBy(o => o.Losses![0])!.Point;
        var ownBest = own.MinBy(o => o.Losses![0])!.Point;
        candidates.Add(Clip([.. numeric.Select(d => double.IsNaN(ownBest[d]) || double.IsNaN(earlierBest[d]) ? 0 : ownBest[d] - earlierBest[d])]));
        for (var k = 0; k < RandomShifts; k++)
        {
            candidates.Add(Clip([.. numeric.Select(_ => ShiftScale * NormalMath.Sample(random))]));
        }
        var scored = candidates.Select(c => (Shift: c, Cost: Cost(c))).OrderBy(c => c.Cost).ToList();
        var (best, bestCost) = scored[0];
        foreach (var (start, startCost) in scored.Take(RefineStarts))
        {
            var (point, cost) = (start, startCost);
            foreach (var radius in (double[])[0.03, 0.01, 0.003])
            {
                for (var step = 0; step < 16; step++)
                {
                    var next = Clip([.. point.Select(s => s + radius * NormalMath.Sample(random))]);
                    var c = Cost(next);
                    if (c < cost)
                    {
                        (point, cost) = (next, c);
                    }
                }
            }
            if (cost < bestCost)
            {
                (best, bestCost) = (point, cost);
            }
        }
        // The likelihood-ratio test of the fitted shift against none (the prior on δ only shaped the estimate).
        var aligned = Residual(best);
        var gain = own.Count * Math.Log((Residual(zero) + ResidualFloor) / (aligned + ResidualFloor));
        return aligned <= MaxAlignedResidual && gain > ChiSquareQuantile(numeric.Length, 1 - TestLevel) ? best : zero;
    }

    /// <summary>The quantile of χ² with <paramref name="degrees"/> degrees of freedom (Wilson–Hilferty).</summary>
    internal static double ChiSquareQuantile(int degrees, double probability)
    {
        var z = NormalMath.Quantile(probability);
        var c = 2.0 / (9 * degrees);
        return degrees * Math.Pow(1 - c + z * Math.Sqrt(c), 3);
    }

    /// <summary>The residual sum of squares of the best fit y ≈ a·x + b with a ≥ 0 (a flat fit where the slope would be negative).</summary>
    private static double AffineResidual(double[] x, double[] y)
    {
        var n = x.Length;
        var mx = x.Average();
        var my = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy > 0 && sxx > 1e-12 ? syy - sxy * sxy / sxx : syy;
    }

    private static double[] Standardized(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return [.. values.Select(v => (v - mean) / (sd > 1e-12 ? sd : 1))];
    }

    private static double[] Clip(double[] shift) => [.. shift.Select(s => Math.Clamp(s, -MaxShift, MaxShift))];

    /// <summary>A point with its numeric coordinates moved by <paramref name="sign"/>·shift (inactive ones stay NaN).</summary>
    private static double[] Moved(double[] point, int[] numeric, double[] shift, int sign)
    {
        var moved = (double[])point.Clone();
        for (var k = 0; k < numeric.Length; k++)
        {
            moved[numeric[k]] += sign * shift[k];
        }
        return moved;
    }
}
