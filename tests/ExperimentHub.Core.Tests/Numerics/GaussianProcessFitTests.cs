using ExperimentHub.Core.Numerics;

namespace ExperimentHub.Core.Tests.Numerics;

public class GaussianProcessFitTests
{
    [Fact]
    public void Relevance_fit_gives_irrelevant_inputs_long_length_scales()
    {
        var random = new Random(4);
        var inputs = Enumerable.Range(0, 40).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToList();
        var targets = inputs.Select(x => Math.Sin(5 * x[0])).ToArray();
        var mean = targets.Average();
        var sd = Math.Sqrt(targets.Select(t => (t - mean) * (t - mean)).Average());
        var hyper = GaussianProcess.Fit(inputs, [.. targets.Select(t => (t - mean) / sd)], new Random(1), restarts: 2);
        Assert.True(hyper.LengthScales[1] > 3 * hyper.LengthScales[0], string.Join(", ", hyper.LengthScales));
        Assert.True(hyper.LengthScales[2] > 3 * hyper.LengthScales[0], string.Join(", ", hyper.LengthScales));
        // A noiseless function is fitted with little noise.
        Assert.True(hyper.NoiseVariance < 1e-2, $"noise {hyper.NoiseVariance}");
    }
}
