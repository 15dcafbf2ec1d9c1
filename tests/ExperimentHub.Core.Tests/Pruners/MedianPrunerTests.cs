using ExperimentHub.Core.Pruners;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Pruners;

public class MedianPrunerTests
{
    private static readonly MedianPruner Minimizing = new(Goal.Minimize, minSteps: 3, minTrials: 5, metric: "val_loss");

    [Fact]
    public void Trial_worse_than_the_median_at_its_step_is_stopped()
    {
        var trial = Curves.Trial(1, TrialState.Running, 9, 8, 3.5);
        var all = Curves.Flat(5, 1, 2, 3, 4, 5).Append(trial).ToList();

        var decision = Minimizing.Decide(trial, all);

        Assert.True(decision.Stop);
        Assert.Contains("val_loss 3.5", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("median 3 of 5 completed trials", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trial_better_than_the_median_goes_on()
    {
        var trial = Curves.Trial(1, TrialState.Running, 9, 8, 2.5);
        Assert.False(Minimizing.Decide(trial, [.. Curves.Flat(5, 1, 2, 3, 4, 5), trial]).Stop);
    }

    [Fact]
    public void Best_value_so_far_counts_not_the_last_one()
    {
        var trial = Curves.Trial(1, TrialState.Running, 2.0, 9, 9);
        Assert.False(Minimizing.Decide(trial, [.. Curves.Flat(5, 1, 2, 3, 4, 5), trial]).Stop);
    }

    [Fact]
    public void Nothing_is_stopped_before_min_steps()
    {
        var trial = Curves.Trial(1, TrialState.Running, 50, 50);
        Assert.False(Minimizing.Decide(trial, [.. Curves.Flat(5, 1, 2, 3, 4, 5), trial]).Stop);
    }

    [Fact]
    public void Nothing_is_stopped_before_min_trials_have_completed()
    {
        var trial = Curves.Trial(1, TrialState.Running, 50, 50, 50);
        var others = Curves.Flat(5, 1, 2, 3, 4);
        // Running and pruned trials do not count towards min_trials.
        others.Add(Curves.Trial(200, TrialState.Running, 1, 1, 1));
        others.Add(Curves.Trial(201, TrialState.Pruned, 1, 1, 1));
        Assert.False(Minimizing.Decide(trial, [.. others, trial]).Stop);
    }

    [Fact]
    public void Maximize_reverses_the_comparison()
    {
        var pruner = new MedianPruner(Goal.Maximize, minSteps: 1, minTrials: 3);
        var all = Curves.Flat(2, 0.7, 0.8, 0.9);
        var low = Curves.Trial(1, TrialState.Running, 0.5, 0.75);
        var high = Curves.Trial(2, TrialState.Running, 0.5, 0.85);
        Assert.True(pruner.Decide(low, [.. all, low]).Stop);
        Assert.False(pruner.Decide(high, [.. all, high]).Stop);
    }

    [Fact]
    public void Other_trials_are_read_at_their_last_step_at_or_before()
    {
        // The completed trials reported at steps 2 and 4 only; at step 3 their step-2 values count.
        var pruner = new MedianPruner(Goal.Minimize, minSteps: 1, minTrials: 3);
        var others = new[] { 1.0, 2.0, 3.0 }
            .Select((v, i) => Curves.At(100 + i, TrialState.Completed, [2, 4], [v, 0.1])).ToList();
        var trial = Curves.Trial(1, TrialState.Running, 5, 5, 2.5);
        Assert.True(pruner.Decide(trial, [.. others, trial]).Stop);
    }

    [Fact]
    public void A_nan_report_stops_the_trial()
    {
        var trial = Curves.Trial(1, TrialState.Running, 1, double.NaN);
        var decision = Minimizing.Decide(trial, [trial]);
        Assert.True(decision.Stop);
        Assert.Contains("NaN", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MedianPruner(Goal.Minimize, minSteps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MedianPruner(Goal.Minimize, minTrials: 0));
    }
}
