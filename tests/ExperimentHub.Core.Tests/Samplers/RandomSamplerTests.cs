using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Samplers;

public class RandomSamplerTests
{
    [Fact]
    public void First_points_are_a_stratified_sobol_design_not_independent_draws()
    {
        var context = new SearchContext { Space = SamplerHarness.Square, Objectives = SamplerHarness.Loss, Seed = 21 };
        var points = new RandomSampler().Suggest(context, 16);
        // A (0, 2)-net: each of the 4x4 cells holds exactly one point.
        var cells = points.Select(p => (int)(SamplerHarness.X(p, "x") * 4) * 4 + (int)(SamplerHarness.X(p, "y") * 4)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 16).ToArray(), cells);
    }

    [Fact]
    public void Sequence_continues_across_calls_from_the_number_of_trials()
    {
        var context = new SearchContext { Space = SamplerHarness.Square, Objectives = SamplerHarness.Loss, Seed = 3 };
        var all = new RandomSampler().Suggest(context, 4);
        var first = new RandomSampler().Suggest(context, 2);
        var trials = first.Select((p, i) => new TrialRecord { Id = i + 1, Parameters = p, State = TrialState.Running }).ToList();
        var next = new RandomSampler().Suggest(context with { Trials = trials }, 2);
        Assert.Equal(all.Skip(2).Select(SamplerHarness.Square.Fingerprint), next.Select(SamplerHarness.Square.Fingerprint));
    }
}
