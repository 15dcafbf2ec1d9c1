namespace ExperimentHub.Core.MultiObjective;

/// <summary>
/// The hypervolume of a set of loss vectors (every objective minimized): the measure of the region each point
/// dominates, up to the reference point. Exact: a sweep in O(n log n) for two objectives, a sweep over the third
/// objective with an incrementally kept 2D front for three, and slicing objective by objective (HSO) beyond.
/// Points not strictly better than the reference in every objective add nothing.
/// </summary>
public static class Hypervolume
{
    public static double Compute(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        var inside = Inside(points, reference);
        return Measure(inside, [.. reference]);
    }

    /// <summary>
    /// Each point's exclusive contribution: the hypervolume lost when only that point is removed (points it
    /// shadowed count again once it is gone). Dominated points and exact duplicates contribute zero.
    /// </summary>
    public static double[] Contributions(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        var inside = Inside(points, reference);
        var result = new double[points.Count];
        if (inside.Count == 0)
        {
            return result;
        }
        var reference0 = reference.ToArray();
        var candidates = Enumerable.Range(0, points.Count).Where(i => IsInside(points[i], reference)).ToList();
        var total = Measure(inside, reference0);
        // Only front points can contribute; removing one of them is measured directly.
        foreach (var k in ParetoFront.NonDominated(inside))
        {
            var rest = inside.Where((_, j) => j != k).ToList();
            result[candidates[k]] = Math.Max(total - Measure(rest, reference0), 0);
        }
        return result;
    }

    private static List<double[]> Inside(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Count == 0 || reference.Any(r => !double.IsFinite(r)))
        {
            throw new ArgumentException("The reference point needs at least one objective, all finite.", nameof(reference));
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Count != reference.Count)
            {
                throw new ArgumentException($"Point {i} has {points[i].Count} objectives; the reference has {reference.Count}.", nameof(points));
            }
            if (points[i].Any(double.IsNaN))
            {
                throw new ArgumentException($"Point {i} has a NaN objective.", nameof(points));
            }
        }
        return [.. points.Where(p => IsInside(p, reference)).Select(p => p.ToArray())];
    }

    private static bool IsInside(IReadOnlyList<double> p, IReadOnlyList<double> reference)
    {
        for (var k = 0; k < reference.Count; k++)
        {
            if (!(p[k] < reference[k]))
            {
                return false;
            }
        }
        return true;
    }

    private static double Measure(List<double[]> points, double[] reference)
    {
        if (points.Count == 0)
        {
            return 0;
        }
        return reference.Length switch
        {
            1 => reference[0] - points.Min(p => p[0]),
            2 => Measure2D(points, reference),
            3 => Measure3D(points, reference),
            _ => MeasureSliced(points, reference),
        };
    }

    private static double Measure2D(List<double[]> points, double[] reference)
    {
        var sorted = points.OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
        var area = 0.0;
        var lastY = reference[1];
        foreach (var p in sorted)
        {
            if (p[1] < lastY)
            {
                area += (reference[0] - p[0]) * (lastY - p[1]);
                lastY = p[1];
            }
        }
        return area;
    }

    private static double Measure3D(List<double[]> points, double[] reference)
    {
        var sorted = points.OrderBy(p => p[2]).ToList();
        // The 2D front of the points seen so far, x ascending and y descending, and its area.
        var front = new List<(double X, double Y)>();
        var area = 0.0;
        var volume = 0.0;
        for (var i = 0; i < sorted.Count; i++)
        {
            var (x, y) = (sorted[i][0], sorted[i][1]);
            var dominated = front.Exists(f => f.X <= x && f.Y <= y);
            if (!dominated)
            {
                front.RemoveAll(f => x <= f.X && y <= f.Y);
                var at = front.FindIndex(f => f.X > x);
                front.Insert(at < 0 ? front.Count : at, (x, y));
                area = 0;
                var lastY = reference[1];
                foreach (var f in front)
                {
                    area += (reference[0] - f.X) * (lastY - f.Y);
                    lastY = f.Y;
                }
            }
            var nextZ = i + 1 < sorted.Count ? sorted[i + 1][2] : reference[2];
            volume += area * (nextZ - sorted[i][2]);
        }
        return volume;
    }

    private static double MeasureSliced(List<double[]> points, double[] reference)
    {
        var d = reference.Length;
        var sorted = points.OrderBy(p => p[d - 1]).ToList();
        var lower = reference[..(d - 1)];
        var volume = 0.0;
        var slice = new List<double[]>();
        for (var i = 0; i < sorted.Count; i++)
        {
            slice.Add(sorted[i][..(d - 1)]);
            var nextZ = i + 1 < sorted.Count ? sorted[i + 1][d - 1] : reference[d - 1];
            var depth = nextZ - sorted[i][d - 1];
            if (depth > 0)
            {
                var front = ParetoFront.NonDominated(slice);
                slice = [.. front.Select(k => slice[k])];
                volume += depth * Measure(slice, lower);
            }
        }
        return volume;
    }
}
