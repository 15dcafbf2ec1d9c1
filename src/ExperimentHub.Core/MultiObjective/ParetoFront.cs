namespace ExperimentHub.Core.MultiObjective;

/// <summary>
/// Pareto sets of loss vectors (every objective minimized). Point q dominates p when q is no worse in every
/// objective and better in at least one by more than that objective's noise margin (zero by default); so equal
/// points never dominate each other, and with margins the front only grows.
/// </summary>
public static class ParetoFront
{
    /// <summary>
    /// The indices, ascending, of the points no other point dominates. Two objectives take O(n log n) (a sort and
    /// prefix minima); more objectives compare against the front found so far.
    /// </summary>
    public static int[] NonDominated(IReadOnlyList<IReadOnlyList<double>> losses, IReadOnlyList<double>? margins = null)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            return [];
        }
        var m = Validate(losses, margins);
        if (m == 1)
        {
            var best = losses.Min(p => p[0]);
            var tol = margins?[0] ?? 0;
            return [.. Enumerable.Range(0, losses.Count).Where(i => losses[i][0] <= best + tol)];
        }
        return m == 2 ? NonDominated2D(losses, margins) : NonDominatedGeneral(losses, margins);
    }

    /// <summary>Whether <paramref name="q"/> dominates <paramref name="p"/> under the margins.</summary>
    public static bool Dominates(IReadOnlyList<double> q, IReadOnlyList<double> p, IReadOnlyList<double>? margins = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        var strictly = false;
        for (var i = 0; i < p.Count; i++)
        {
            if (q[i] > p[i])
            {
                return false;
            }
            if (p[i] - q[i] > (margins?[i] ?? 0))
            {
                strictly = true;
            }
        }
        return strictly;
    }

    /// <summary>
    /// Non-dominated sorting: rank 0 for the front, rank 1 for the front of the rest, and so on.
    /// </summary>
    public static int[] Ranks(IReadOnlyList<IReadOnlyList<double>> losses, IReadOnlyList<double>? margins = null)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var ranks = new int[losses.Count];
        var remaining = Enumerable.Range(0, losses.Count).ToList();
        var rank = 0;
        while (remaining.Count > 0)
        {
            var front = NonDominated(remaining.Select(i => losses[i]).ToList(), margins);
            var onFront = new HashSet<int>(front.Select(k => remaining[k]));
            foreach (var i in onFront)
            {
                ranks[i] = rank;
            }
            remaining.RemoveAll(onFront.Contains);
            rank++;
        }
        return ranks;
    }

    private static int Validate(IReadOnlyList<IReadOnlyList<double>> losses, IReadOnlyList<double>? margins)
    {
        var m = losses[0].Count;
        if (m == 0)
        {
            throw new ArgumentException("Points need at least one objective.", nameof(losses));
        }
        for (var i = 0; i < losses.Count; i++)
        {
            if (losses[i].Count != m)
            {
                throw new ArgumentException($"Point {i} has {losses[i].Count} objectives; point 0 has {m}.", nameof(losses));
            }
            if (losses[i].Any(double.IsNaN))
            {
                throw new ArgumentException($"Point {i} has a NaN objective.", nameof(losses));
            }
        }
        if (margins is not null && (margins.Count != m || margins.Any(x => !(x >= 0))))
        {
            throw new ArgumentException($"Margins must be {m} non-negative numbers.", nameof(margins));
        }
        return m;
    }

    private static int[] NonDominated2D(IReadOnlyList<IReadOnlyList<double>> p, IReadOnlyList<double>? margins)
    {
        var n = p.Count;
        var m1 = margins?[0] ?? 0;
        var m2 = margins?[1] ?? 0;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => p[a][0].CompareTo(p[b][0]));
        var xs = new double[n];
        var prefixMin = new double[n];
        for (var k = 0; k < n; k++)
        {
            xs[k] = p[order[k]][0];
            prefixMin[k] = Math.Min(k > 0 ? prefixMin[k - 1] : double.PositiveInfinity, p[order[k]][1]);
        }
        var result = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var x = p[i][0];
            var y = p[i][1];
            // q dominates p iff (q1 < p1 - m1 and q2 <= p2) or (q1 <= p1 and q2 < p2 - m2): two prefix-minimum queries.
            var below = CountBelow(xs, x - m1, inclusive: false);
            var atMost = CountBelow(xs, x, inclusive: true);
            var dominated = (below > 0 && prefixMin[below - 1] <= y) || (atMost > 0 && prefixMin[atMost - 1] < y - m2);
            if (!dominated)
            {
                result.Add(i);
            }
        }
        return [.. result];
    }

    /// <summary>The number of sorted values below <paramref name="bound"/> (or at most it, when inclusive).</summary>
    private static int CountBelow(double[] sorted, double bound, bool inclusive)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < bound || (inclusive && sorted[mid] == bound))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static int[] NonDominatedGeneral(IReadOnlyList<IReadOnlyList<double>> p, IReadOnlyList<double>? margins)
    {
        var n = p.Count;
        if (margins is not null && margins.Any(x => x > 0))
        {
            // Dominance with margins is not transitive, so every pair is checked.
            return [.. Enumerable.Range(0, n).Where(i => !Enumerable.Range(0, n).Any(j => j != i && Dominates(p[j], p[i], margins)))];
        }
        // In lexicographic order nothing is dominated by a later point, and a dominated point's dominator is
        // itself dominated by a front point (transitivity), so checking the front so far suffices.
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) =>
        {
            for (var k = 0; k < p[a].Count; k++)
            {
                var c = p[a][k].CompareTo(p[b][k]);
                if (c != 0)
                {
                    return c;
                }
            }
            return a.CompareTo(b);
        });
        var front = new List<int>();
        foreach (var i in order)
        {
            if (!front.Exists(j => Dominates(p[j], p[i])))
            {
                front.Add(i);
            }
        }
        front.Sort();
        return [.. front];
    }
}
