using ExperimentHub.Core.Pruners;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Pruners;

public class AshaPrunerTests
{
    [Fact]
    public void Rungs_grow_by_the_reduction_factor_below_max_steps()
    {
        Assert.Equal([1L, 3L, 9L], new AshaPruner(Goal.Minimize, 1, 3, 27).Rungs);
        Assert.Equal([2L, 8L, 32L], new AshaPruner(Goal.Minimize, 2, 4, 100).Rungs);
    }

    [Fact]
    public void Only_the_top_third_of_a_rung_goes_on()
    {
        var pruner = new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 3, maxSteps: 27);
        var others = Curves.Flat(1, 1, 2, 3, 4, 5, 6);

        // Seven at rung 1: the best two go on. 1.5 ranks second; 2.5 ranks third.
        var second = Curves.Trial(1, TrialState.Running, 1.5);
        var third = Curves.Trial(2, TrialState.Running, 2.5);
        Assert.False(pruner.Decide(second, [.. others, second]).Stop);
        var decision = pruner.Decide(third, [.. others, third]);
        Assert.True(decision.Stop);
        Assert.Equal("value 2.5 at rung 1 ranks 3 of 7; only the top 2 (1/3) go on", decision.Reason);
    }

    [Fact]
    public void A_rung_with_fewer_than_min_trials_lets_everyone_go_on()
    {
        var pruner = new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 3, maxSteps: 27);
        var trial = Curves.Trial(1, TrialState.Running, 100);
        Assert.False(pruner.Decide(trial, [.. Curves.Flat(1, 1), trial]).Stop);
        // With three recorded, only the best goes on.
        Assert.True(pruner.Decide(trial, [.. Curves.Flat(1, 1, 2), trial]).Stop);
    }

    [Fact]
    public void A_trial_is_judged_at_a_rung_only_on_the_report_that_reaches_it()
    {
        var pruner = new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 3, maxSteps: 27);
        // Six better trials reached rung 1 after this one passed it at step 1.
        var others = Curves.Flat(2, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        var trial = Curves.Trial(1, TrialState.Running, 1.5, 9.0);
        // Step 2 is between rungs 1 and 3: no new decision, though judged again it would rank last.
        Assert.False(pruner.Decide(trial, [.. others, trial]).Stop);
    }

    [Fact]
    public void Scores_at_a_higher_rung_compare_only_trials_that_reached_it()
    {
        var pruner = new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 2, maxSteps: 100);
        // Two trials reached step 2 (rung 2); a third stopped at step 1 and does not compete there.
        var a = Curves.Trial(100, TrialState.Completed, 5, 1);
        var b = Curves.Trial(101, TrialState.Running, 5, 3);
        var stopped = Curves.Trial(102, TrialState.Pruned, 0.1);
        var trial = Curves.Trial(1, TrialState.Running, 5, 2);
        // Three at rung 2 with eta 2: the best one goes on; 2 ranks second.
        var decision = pruner.Decide(trial, [a, b, stopped, trial]);
        Assert.True(decision.Stop);
        Assert.Contains("ranks 2 of 3", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparse_reports_are_scored_at_their_first_step_past_the_rung()
    {
        var pruner = new AshaPruner(Goal.Maximize, minSteps: 1, reductionFactor: 3, maxSteps: 100);
        var others = new[] { 0.9, 0.8, 0.7, 0.6, 0.5 }
            .Select((v, i) => Curves.At(100 + i, TrialState.Completed, [5, 10], [v, 0.99])).ToList();
        // The first report, at step 5, passes rungs 1 and 3; rung 3 decides, against the others' step-5 values.
        var good = Curves.At(1, TrialState.Running, [5], [0.85]);
        var poor = Curves.At(2, TrialState.Running, [5], [0.75]);
        Assert.False(pruner.Decide(good, [.. others, good]).Stop);
        Assert.True(pruner.Decide(poor, [.. others, poor]).Stop);
    }

    [Fact]
    public void No_decision_at_or_past_max_steps()
    {
        var pruner = new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 3, maxSteps: 9);
        var others = Curves.Flat(9, 1, 2, 3, 4, 5, 6);
        var trial = Curves.At(1, TrialState.Running, [1, 3, 9], [0, 0, 50]);
        Assert.False(pruner.Decide(trial, [.. others, trial]).Stop);
    }

    [Fact]
    public void Ties_go_on()
    {
        var pruner = new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 3);
        var trial = Curves.Trial(1, TrialState.Running, 1);
        Assert.False(pruner.Decide(trial, [.. Curves.Flat(1, 1, 1, 1, 1, 1), trial]).Stop);
    }

    [Fact]
    public void A_nan_report_stops_the_trial()
    {
        var pruner = new AshaPruner(Goal.Minimize);
        var trial = Curves.Trial(1, TrialState.Running, double.NaN);
        Assert.True(pruner.Decide(trial, [trial]).Stop);
    }

    [Fact]
    public void Factory_builds_the_pruner_a_spec_asks_for()
    {
        Assert.Null(PrunerFactory.Create(null));
        Assert.IsType<MedianPruner>(PrunerFactory.Create(new EarlyStoppingSpec(EarlyStoppingType.Median, "loss", Goal.Minimize)));
        var asha = Assert.IsType<AshaPruner>(PrunerFactory.Create(
            new EarlyStoppingSpec(EarlyStoppingType.Asha, "loss", Goal.Minimize, MinSteps: 2, ReductionFactor: 2, MaxSteps: 16)));
        Assert.Equal([2L, 4L, 8L], asha.Rungs);
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaPruner(Goal.Minimize, reductionFactor: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaPruner(Goal.Minimize, minSteps: 5, maxSteps: 5));
    }
}
