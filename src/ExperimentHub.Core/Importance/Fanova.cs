using ExperimentHub.Core.Importance.Forests;

namespace ExperimentHub.Core.Importance;

/// <summary>
/// Functional ANOVA on a regression tree (Hutter, Hoos and Leyton-Brown, "An Efficient Approach for Assessing
/// Hyperparameter Importance", 2014). A tree cuts the domain into boxes, so its marginal over one dimension is exact:
/// f_d(x_d) = sum over leaves containing x_d of value * measure of the leaf in the other dimensions. The importance of d
/// is the variance of f_d over the total variance of the tree.
/// </summary>
internal static class Fanova
{
    /// <summary>The main-effect variance fraction of each dimension for one tree (all zero when the tree is constant).</summary>
    public static double[] MainEffects(RegressionTree tree, IReadOnlyList<DimensionMeasure> measures)
    {
        var dims = measures.Count;
        var leaves = Leaves(tree, dims);
        var weights = leaves.Select(l => Weight(l, measures, -1)).ToArray();
        var mean = leaves.Select((l, i) => weights[i] * l.Value).Sum();
        var total = leaves.Select((l, i) => weights[i] * (l.Value - mean) * (l.Value - mean)).Sum();
        var effects = new double[dims];
        if (total <= 1e-14 * Math.Max(1, mean * mean))
        {
            return effects;
        }
        for (var d = 0; d < dims; d++)
        {
            effects[d] = MarginalVariance(leaves, measures, d, mean) / total;
        }
        return effects;
    }

    private static double MarginalVariance(List<Leaf> leaves, IReadOnlyList<DimensionMeasure> measures, int d, double mean)
    {
        // Cells: the pieces the leaves' bounds cut dimension d into.
        var cuts = leaves.SelectMany(l => new[] { l.Lo[d], l.Hi[d] }).Distinct().Order().ToArray();
        if (cuts.Length <= 2)
        {
            return 0; // The tree never splits on d.
        }
        var marginal = new double[cuts.Length];
        foreach (var leaf in leaves)
        {
            var contribution = leaf.Value * Weight(leaf, measures, d);
            var start = Array.BinarySearch(cuts, leaf.Lo[d]);
            var end = Array.BinarySearch(cuts, leaf.Hi[d]);
            marginal[start] += contribution; // Difference array over cells [start, end).
            marginal[end] -= contribution;
        }
        double running = 0, variance = 0;
        for (var c = 0; c < cuts.Length - 1; c++)
        {
            running += marginal[c];
            var mass = measures[d].Of(cuts[c], cuts[c + 1]);
            variance += mass * (running - mean) * (running - mean);
        }
        return variance;
    }

    /// <summary>The leaf's measure in every dimension but <paramref name="skip"/>.</summary>
    private static double Weight(Leaf leaf, IReadOnlyList<DimensionMeasure> measures, int skip)
    {
        var w = 1.0;
        for (var j = 0; j < measures.Count; j++)
        {
            if (j != skip)
            {
                w *= measures[j].Of(leaf.Lo[j], leaf.Hi[j]);
            }
        }
        return w;
    }

    private static List<Leaf> Leaves(RegressionTree tree, int dims)
    {
        var leaves = new List<Leaf>();
        var stack = new Stack<(int Node, double[] Lo, double[] Hi)>();
        stack.Push((0, Enumerable.Repeat(double.NegativeInfinity, dims).ToArray(), Enumerable.Repeat(double.PositiveInfinity, dims).ToArray()));
        while (stack.Count > 0)
        {
            var (node, lo, hi) = stack.Pop();
            var f = tree.Feature(node);
            if (f < 0)
            {
                leaves.Add(new Leaf(lo, hi, tree.Value(node)));
                continue;
            }
            var t = tree.Threshold(node);
            var leftHi = (double[])hi.Clone();
            leftHi[f] = Math.Min(hi[f], t);
            var rightLo = (double[])lo.Clone();
            rightLo[f] = Math.Max(lo[f], t);
            stack.Push((tree.Right(node), rightLo, hi));
            stack.Push((tree.Left(node), lo, leftHi));
        }
        return leaves;
    }

    /// <summary>A leaf's box: (Lo, Hi] in each dimension.</summary>
    private sealed record Leaf(double[] Lo, double[] Hi, double Value);
}
