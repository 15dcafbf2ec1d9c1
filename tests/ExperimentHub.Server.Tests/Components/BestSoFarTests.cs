using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components;

public sealed class BestSoFarTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Trial i (1-based) finishes i minutes in, unless <paramref name="finishOrder"/> says otherwise.</summary>
    private static List<TrialRow> Trials(double[] losses, string state = "completed", int[]? finishOrder = null) =>
        losses.Select((loss, i) => new TrialRow(100 + i, i + 1, state, new Dictionary<string, object>(),
            new Dictionary<string, double> { ["loss"] = loss }, Start, Start.AddMinutes(finishOrder?[i] ?? i + 1))).ToList();

    [Fact]
    public void The_step_line_keeps_the_trials_that_improved_and_the_last()
    {
        var data = BestSoFar.Build(Trials([5, 3, 4, 3, 1, 2]), new Objective("loss", Goal.Minimize));

        Assert.Equal(6, data.Completed);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], data.Trials.X);
        Assert.Equal([5.0, 3, 4, 3, 1, 2], data.Trials.Y);
        Assert.Equal([1.0, 2, 5, 6], data.Best.X);
        Assert.Equal([5.0, 3, 1, 1], data.Best.Y);
        // The last step names the trial that set the best, not the last one.
        Assert.Equal([100L, 101, 104, 104], data.Best.Ids);
        Assert.Contains("(trial 5)", data.Best.Text[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Maximized_objectives_climb_and_trials_count_in_finishing_order()
    {
        var data = BestSoFar.Build(Trials([0.2, 0.9, 0.5], finishOrder: [3, 1, 2]), new Objective("loss", Goal.Maximize));

        Assert.Equal([0.9, 0.5, 0.2], data.Trials.Y);
        Assert.Equal([0.9, 0.9], data.Best.Y);
        Assert.Equal([101L, 101], data.Best.Ids);
    }

    [Fact]
    public void Unfinished_failed_and_non_finite_trials_are_left_out()
    {
        var trials = Trials([2, double.NaN, 1]);
        trials.AddRange(Trials([0.5], state: "failed"));
        trials.AddRange(Trials([0.1], state: "running"));

        var data = BestSoFar.Build(trials, new Objective("loss", Goal.Minimize));

        Assert.Equal(2, data.Completed);
        Assert.Equal([2.0, 1], data.Trials.Y);
    }

    [Fact]
    public void Thousands_of_markers_are_thinned_but_the_count_is_whole_and_brushing_marks_the_inside()
    {
        var losses = Enumerable.Range(0, 10_000).Select(i => (double)(i % 97)).ToArray();
        var data = BestSoFar.Build(Trials(losses), new Objective("loss", Goal.Minimize), t => t.Number % 2 == 1);

        Assert.Equal(10_000, data.Completed);
        Assert.InRange(data.Trials.X.Count, ScatterSample.MaxPoints / 2, ScatterSample.MaxPoints);
        Assert.Equal(data.Trials.X.Count, data.Trials.Selected!.Count);
        Assert.Equal(data.Trials.Ids.Select(id => (id - 100) % 2 == 0), data.Trials.Selected);
        Assert.Null(data.Best.Selected);
    }
}
