namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// One simulated sweep: the best value after each finished trial, every trial's unit-cube point in the order
/// suggested, the best trial's point, and how many near-duplicate pairs the sampler put in flight together.
/// </summary>
internal sealed record QualityRun(double[] BestSoFar, IReadOnlyList<double[]> Points, double[] BestPoint, int NearDuplicates)
{
    public double Best => BestSoFar[^1];
}
