namespace ExperimentHub.Core.Importance.Forests;

/// <summary>
/// A CART regression tree (squared error), grown on given rows: a node splits on the feature and threshold that
/// most reduce the squared error, halfway between neighbouring distinct values, until it is pure, holds fewer than
/// two rows per side, or reaches the depth limit. Nodes live in flat arrays; a leaf has feature -1.
/// </summary>
internal sealed class RegressionTree
{
    private readonly List<int> _feature = [];
    private readonly List<double> _threshold = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _value = [];

    private RegressionTree()
    {
    }

    public int NodeCount => _feature.Count;

    public int Feature(int node) => _feature[node];

    public double Threshold(int node) => _threshold[node];

    public int Left(int node) => _left[node];

    public int Right(int node) => _right[node];

    public double Value(int node) => _value[node];

    /// <param name="x">Rows of features; <paramref name="rows"/> picks the rows (repeats allowed, as in a bootstrap).</param>
    public static RegressionTree Grow(double[][] x, double[] y, int[] rows, int minSamplesLeaf, int maxDepth)
    {
        var tree = new RegressionTree();
        tree.Build(x, y, rows, minSamplesLeaf, maxDepth, 0);
        return tree;
    }

    public double Predict(double[] row)
    {
        var node = 0;
        while (_feature[node] >= 0)
        {
            node = row[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
        }
        return _value[node];
    }

    private int Build(double[][] x, double[] y, int[] rows, int minSamplesLeaf, int maxDepth, int depth)
    {
        var node = NewNode(rows.Average(r => y[r]));
        if (depth >= maxDepth || rows.Length < 2 * minSamplesLeaf)
        {
            return node;
        }
        var (feature, threshold) = BestSplit(x, y, rows, minSamplesLeaf);
        if (feature < 0)
        {
            return node;
        }
        var left = rows.Where(r => x[r][feature] <= threshold).ToArray();
        var right = rows.Where(r => x[r][feature] > threshold).ToArray();
        _feature[node] = feature;
        _threshold[node] = threshold;
        _left[node] = Build(x, y, left, minSamplesLeaf, maxDepth, depth + 1);
        _right[node] = Build(x, y, right, minSamplesLeaf, maxDepth, depth + 1);
        return node;
    }

    private static (int Feature, double Threshold) BestSplit(double[][] x, double[] y, int[] rows, int minSamplesLeaf)
    {
        var n = rows.Length;
        double total = 0, totalSq = 0;
        foreach (var r in rows)
        {
            total += y[r];
            totalSq += y[r] * y[r];
        }
        var parentSse = totalSq - (total * total / n);
        if (parentSse <= 1e-12 * Math.Max(1, totalSq))
        {
            return (-1, 0); // Pure: every target equal.
        }

        var bestGain = 1e-12 * Math.Max(1, parentSse);
        var best = (Feature: -1, Threshold: 0.0);
        var order = new int[n];
        var features = x[rows[0]].Length;
        for (var f = 0; f < features; f++)
        {
            rows.CopyTo(order, 0);
            var feature = f;
            Array.Sort(order, (a, b) => x[a][feature].CompareTo(x[b][feature]));
            double leftSum = 0, leftSq = 0;
            for (var i = 0; i < n - 1; i++)
            {
                var yi = y[order[i]];
                leftSum += yi;
                leftSq += yi * yi;
                var here = x[order[i]][f];
                var next = x[order[i + 1]][f];
                if (here == next || i + 1 < minSamplesLeaf || n - i - 1 < minSamplesLeaf)
                {
                    continue;
                }
                var nl = i + 1;
                var nr = n - nl;
                var rightSum = total - leftSum;
                var sse = (leftSq - (leftSum * leftSum / nl)) + (totalSq - leftSq - (rightSum * rightSum / nr));
                var gain = parentSse - sse;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = (f, (here + next) / 2);
                }
            }
        }
        return best;
    }

    private int NewNode(double value)
    {
        _feature.Add(-1);
        _threshold.Add(0);
        _left.Add(-1);
        _right.Add(-1);
        _value.Add(value);
        return _feature.Count - 1;
    }
}
