using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Samplers;

public class GridSamplerTests
{
    private static readonly SearchSpace Space = new([
        ParameterDefinition.Float("C", 0.1, 1.0, step: 0.3),
        ParameterDefinition.Categorical("kernel", "rbf", "poly", "linear"),
        ParameterDefinition.Int("degree", 2, 5).WithCondition("kernel", "poly"),
    ]);

    [Fact]
    public void Size_counts_conditional_branches_once()
    {
        // 4 values of C times (rbf + 4 poly degrees + linear).
        Assert.Equal(24, GridSampler.Size(Space));
        Assert.Equal(24, GridSampler.Enumerate(Space).Count());
        Assert.All(GridSampler.Enumerate(Space), p => Assert.Equal((string)p["kernel"] == "poly", p.ContainsKey("degree")));
    }

    [Fact]
    public void Suggestions_walk_the_whole_grid_exactly_once_then_stop()
    {
        var trials = new List<TrialRecord>();
        while (true)
        {
            var context = new SearchContext { Space = Space, Objectives = SamplerHarness.Loss, Trials = trials };
            var batch = new GridSampler().Suggest(context, 5);
            if (batch.Count == 0)
            {
                break;
            }
            trials.AddRange(batch.Select(p => new TrialRecord { Id = trials.Count + 1, Parameters = p, State = TrialState.Running }));
        }
        Assert.Equal(24, trials.Count);
        Assert.Equal(24, trials.Select(t => Space.Fingerprint(t.Parameters)).Distinct().Count());
        Assert.Equal(0.1, (double)trials[0].Parameters["C"], 12);
        Assert.Equal("rbf", trials[0].Parameters["kernel"]);
    }

    [Fact]
    public void Continuous_float_without_step_is_refused_by_name()
    {
        var space = new SearchSpace([ParameterDefinition.Float("lr", 0, 1)]);
        var e = Assert.Throws<ArgumentException>(() => GridSampler.Size(space));
        Assert.Contains("'lr'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int_grid_respects_step_and_log_float_grid_uses_value_steps()
    {
        Assert.Equal([8L, 24L, 40L], GridSampler.Values(ParameterDefinition.Int("u", 8, 50, step: 16)));
        Assert.Equal(3, GridSampler.Values(ParameterDefinition.Float("f", 1, 3, step: 1)).Count);
    }
}
