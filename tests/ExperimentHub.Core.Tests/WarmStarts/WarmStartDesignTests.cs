using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;
using ExperimentHub.Core.WarmStarts;

namespace ExperimentHub.Core.Tests.WarmStarts;

public class WarmStartDesignTests
{
    private static readonly Objective Loss = new("loss", Goal.Minimize);

    private static readonly SearchSpace Space = new([
        ParameterDefinition.Float("lr", 1e-4, 1e-1, log: true),
        ParameterDefinition.Int("layers", 1, 8),
        ParameterDefinition.Categorical("opt", "adam", "sgd"),
    ]);

    private static TrialRecord Trial(long id, double loss, double lr, long layers, string opt, TrialState state = TrialState.Completed) => new()
    {
        Id = id,
        Parameters = new Dictionary<string, object> { ["lr"] = lr, ["layers"] = layers, ["opt"] = opt },
        State = state,
        Metrics = new Dictionary<string, double> { ["loss"] = loss },
    };

    [Fact]
    public void The_same_space_and_objectives_score_one_and_other_objectives_score_zero()
    {
        var prior = new PriorSweep(1, [Loss], Space, []);
        Assert.Equal(1, SweepSimilarity.Score([Loss], Space, prior), 9);
        Assert.Equal(0, SweepSimilarity.Score([new Objective("loss", Goal.Maximize)], Space, prior));
        Assert.Equal(0, SweepSimilarity.Score([new Objective("accuracy", Goal.Minimize)], Space, prior));
    }

    [Fact]
    public void Similarity_falls_with_range_overlap_kind_and_missing_parameters()
    {
        var halfRange = new SearchSpace([
            ParameterDefinition.Float("lr", 1e-4, 1e-1, log: true),
            ParameterDefinition.Int("layers", 1, 4),
            ParameterDefinition.Categorical("opt", "adam", "rmsprop"),
        ]);
        var score = SweepSimilarity.Score([Loss], Space, new PriorSweep(1, [Loss], halfRange, []));
        // lr 1, layers 3/7, opt 1/3, averaged over three names.
        Assert.Equal((1 + 3.0 / 7 + 1.0 / 3) / 3, score, 9);

        var otherKind = new SearchSpace([ParameterDefinition.Categorical("lr", "low", "high"), ParameterDefinition.Float("dropout", 0, 0.5)]);
        Assert.Equal(0, SweepSimilarity.Score([Loss], Space, new PriorSweep(2, [Loss], otherKind, [])));
    }

    [Fact]
    public void The_design_takes_the_best_feasible_trials_of_the_most_similar_sweeps_in_proportion()
    {
        var same = new PriorSweep(10, [Loss], Space, [
            Trial(1, 0.9, 0.01, 2, "adam"),
            Trial(2, 0.1, 0.02, 3, "sgd"),
            Trial(3, 0.05, 0.03, 4, "adam", TrialState.Failed),
            Trial(4, 0.3, 0.005, 6, "adam"),
        ]);
        var narrower = new PriorSweep(11, [Loss], new SearchSpace([
            ParameterDefinition.Float("lr", 1e-3, 1e-2, log: true),
            ParameterDefinition.Int("layers", 1, 8),
            ParameterDefinition.Categorical("opt", "adam", "sgd"),
        ]), [Trial(7, 0.2, 0.004, 5, "sgd"), Trial(8, 0.25, 0.006, 7, "adam")]);
        var unrelated = new PriorSweep(12, [new Objective("accuracy", Goal.Maximize)], Space, [Trial(9, 0.99, 0.05, 1, "adam")]);

        var plan = WarmStartDesign.Build([Loss], [], Space, [narrower, unrelated, same], 4);

        Assert.Equal([10L, 11L], plan.Related.Select(r => r.SweepId));
        Assert.True(plan.Related[0].Similarity > plan.Related[1].Similarity);
        Assert.Equal(4, plan.Design.Count);
        // The most similar sweep's best trial first; the failed trial (better loss) never.
        Assert.Equal((10L, 2L), (plan.Design[0].SourceSweepId, plan.Design[0].SourceTrialId));
        Assert.DoesNotContain(plan.Design, p => p.SourceTrialId == 3);
        Assert.Equal(2, plan.Design.Count(p => p.SourceSweepId == 10));
        Assert.Equal(plan.Related.Sum(r => r.Points), plan.Design.Count);
    }

    [Fact]
    public void Configurations_are_clipped_into_the_new_space_and_lost_choices_are_replaced()
    {
        var target = new SearchSpace([
            ParameterDefinition.Float("lr", 1e-3, 1e-2, log: true),
            ParameterDefinition.Int("layers", 2, 4),
            ParameterDefinition.Categorical("opt", "sgd", "lion"),
            ParameterDefinition.Float("dropout", 0, 0.4),
        ]);
        var mapped = WarmStartDesign.Map(new Dictionary<string, object> { ["lr"] = 0.05, ["layers"] = 7L, ["opt"] = "adam" }, target);

        Assert.Equal(0.01, (double)mapped["lr"], 9);
        Assert.Equal(4L, mapped["layers"]);
        Assert.Equal("sgd", mapped["opt"]);
        Assert.Equal(0.2, (double)mapped["dropout"], 9);
        Assert.All(target.Parameters, p => Assert.True(p.Accepts(mapped[p.Name]), p.Name));

        var kept = WarmStartDesign.Map(new Dictionary<string, object> { ["lr"] = 0.002, ["layers"] = 3L, ["opt"] = "lion", ["dropout"] = 0.1 }, target);
        Assert.Equal(0.002, (double)kept["lr"], 9);
        Assert.Equal("lion", kept["opt"]);
    }

    [Fact]
    public void Nothing_related_gives_an_empty_plan_and_clipped_duplicates_are_evaluated_once()
    {
        Assert.Same(WarmStartPlan.Empty, WarmStartDesign.Build([Loss], [], Space, [], 5));

        var tiny = new SearchSpace([ParameterDefinition.Float("lr", 1e-4, 1e-1, log: true), ParameterDefinition.Int("layers", 1, 8),
            ParameterDefinition.Categorical("opt", "adam", "sgd")]);
        var prior = new PriorSweep(3, [Loss], tiny, [Trial(1, 0.1, 0.5, 9, "adam"), Trial(2, 0.2, 0.9, 12, "adam"), Trial(3, 0.3, 0.001, 2, "sgd")]);
        var plan = WarmStartDesign.Build([Loss], [], Space, [prior], 3);
        // Trials 1 and 2 both clip to (0.1, 8, adam).
        Assert.Equal([1L, 3L], plan.Design.Select(p => p.SourceTrialId));
    }
}
