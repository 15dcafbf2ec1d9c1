namespace ExperimentHub.Core.Importance.Forests;

/// <summary>Regression trees, each grown on a bootstrap sample of the rows; deterministic under the seed.</summary>
internal sealed class RandomForest
{
    private RandomForest(IReadOnlyList<RegressionTree> trees) => Trees = trees;

    public IReadOnlyList<RegressionTree> Trees { get; }

    public static RandomForest Grow(double[][] x, double[] y, ImportanceOptions options)
    {
        var random = new Random(options.Seed);
        var sampleSize = Math.Min(x.Length, options.MaxSamplesPerTree);
        var trees = new List<RegressionTree>(options.Trees);
        for (var t = 0; t < options.Trees; t++)
        {
            var rows = new int[sampleSize];
            for (var i = 0; i < sampleSize; i++)
            {
                rows[i] = random.Next(x.Length);
            }
            trees.Add(RegressionTree.Grow(x, y, rows, options.MinSamplesLeaf, options.MaxDepth));
        }
        return new RandomForest(trees);
    }

    public double Predict(double[] row) => Trees.Average(t => t.Predict(row));
}
