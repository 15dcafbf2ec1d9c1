using ExperimentHub.Core.Samplers;

namespace ExperimentHub.Core.Tests.Samplers;

public class CmaEvolutionTests
{
    [Fact]
    public void Bad_steps_shrink_the_covariance_along_their_direction_only()
    {
        // The better half sits on the mean (no step), the worse half lies along x: only the negative (active) weights
        // can make the distribution narrower along x than along y.
        var evolution = new CmaEvolution([0.5, 0.5], 0.1, populationSize: 6);
        evolution.Tell([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.62, 0.5], [0.38, 0.5], [0.65, 0.5]]);
        var random = new Random(7);
        var draws = Enumerable.Range(0, 4000).Select(_ => evolution.Sample(random)).ToList();
        var spreadX = Variance(draws.Select(p => p[0]));
        var spreadY = Variance(draws.Select(p => p[1]));
        Assert.True(spreadX < 0.8 * spreadY, $"variance along x {spreadX}, along y {spreadY}");
    }

    [Fact]
    public void Samples_stay_in_the_unit_cube_when_the_mean_sits_on_a_corner()
    {
        var evolution = new CmaEvolution([0, 1, 0], 0.5, populationSize: 7);
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            Assert.All(evolution.Sample(random), v => Assert.InRange(v, 0, 1));
        }
    }

    private static double Variance(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return list.Sum(v => (v - mean) * (v - mean)) / list.Count;
    }
}
