using ExperimentHub.Server.Components;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Pages.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

public sealed class SweepViewTests
{
    private static readonly SweepViewChoices NoChoice = new(null, null, null, null);

    [Fact]
    public void Without_brushes_every_trial_is_visible_and_the_pickers_take_their_defaults()
    {
        var trials = SweepFixtures.Trials(200);
        var view = SweepView.Build(trials, SweepFixtures.Spec(), [], NoChoice);
        Assert.Same(trials, view.Visible);
        Assert.Equal(new SweepViewChoices("lr", "layers", "accuracy", "inference_ms"), view.Choices);
        Assert.Equal(200, view.Parcoords.Data.Color.Count);
        Assert.NotNull(view.Heatmap);
        Assert.NotNull(view.Pareto);
        Assert.Equal(200, view.Pareto!.Total);
        Assert.True(view.Hypervolume > 0);
        Assert.Null(view.Best);
    }

    [Fact]
    public void Brushing_keeps_the_parallel_coordinates_and_filters_the_rest()
    {
        var trials = SweepFixtures.Trials(300);
        var spec = SweepFixtures.Spec();
        var first = SweepView.Build(trials, spec, [], NoChoice);
        AxisBrush[] brushes = [new AxisBrush(1, [new BrushRange(3, 6)])];
        var brushed = SweepView.Build(trials, spec, brushes, first.Choices, first);
        Assert.Same(first.Parcoords, brushed.Parcoords);
        var expected = trials.Where(t => (long)t.Parameters["layers"] is >= 3 and <= 6).ToList();
        Assert.Equal(expected, brushed.Visible);
        Assert.NotNull(brushed.Heatmap!.Points.Selected);
        Assert.Equal(expected.Count(t => t.State == "completed"), brushed.Heatmap.Points.Selected!.Count(s => s));
    }

    [Fact]
    public void New_trials_rebuild_the_parallel_coordinates()
    {
        var spec = SweepFixtures.Spec();
        var first = SweepView.Build(SweepFixtures.Trials(50), spec, [], NoChoice);
        var second = SweepView.Build(SweepFixtures.Trials(60), spec, [], NoChoice, first);
        Assert.NotSame(first.Parcoords, second.Parcoords);
        Assert.Equal(60, second.Parcoords.Data.Color.Count);
    }

    [Fact]
    public void A_brush_on_an_axis_that_is_gone_is_dropped()
    {
        var view = SweepView.Build(SweepFixtures.Trials(20), SweepFixtures.Spec(), [new AxisBrush(42, [new BrushRange(0, 1)])], NoChoice);
        Assert.Empty(view.Brushes);
        Assert.Equal(21, view.Visible.Count);
    }

    [Fact]
    public void Pickers_keep_valid_names_and_never_pair_an_axis_with_itself()
    {
        var view = SweepView.Build(SweepFixtures.Trials(20), SweepFixtures.Spec(), [], new SweepViewChoices("dropout", "dropout", "nope", "accuracy"));
        Assert.Equal("dropout", view.Choices.HeatX);
        Assert.Equal("lr", view.Choices.HeatY);
        Assert.Equal("accuracy", view.Choices.ParetoX);
        Assert.Equal("inference_ms", view.Choices.ParetoY);
    }

    [Fact]
    public void Hover_texts_name_the_trial_and_its_values()
    {
        var trials = SweepFixtures.Trials(5);
        var view = SweepView.Build(trials, SweepFixtures.Spec(), [], NoChoice);
        var pareto = view.Pareto!;
        var all = pareto.Front.Text.Concat(pareto.Dominated.Text).Concat(pareto.Infeasible.Text).ToList();
        Assert.Equal(5, all.Count);
        var t = trials[0];
        Assert.Contains($"trial 1: accuracy={Display.Number(t.Metrics["accuracy"])}, inference_ms={Display.Number(t.Metrics["inference_ms"])}", all);
        Assert.StartsWith("trial 1: lr=", view.Heatmap!.Points.Text[0], StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.Heatmap.Points.Text[5]);
    }

    [Fact]
    public void Trials_picked_on_a_chart_filter_the_table_and_are_highlighted_in_the_scatter_charts()
    {
        var trials = SweepFixtures.Trials(100);
        var spec = SweepFixtures.Spec();
        var first = SweepView.Build(trials, spec, [], NoChoice);
        var picked = new HashSet<long> { 1001, 1002, 1050 };

        var view = SweepView.Build(trials, spec, [], first.Choices, first, picked);

        Assert.Same(first.Parcoords, view.Parcoords);
        Assert.Equal([1001L, 1002, 1050], view.Visible.Select(t => t.RunId));
        Assert.True(view.IsFiltered);
        Assert.Equal("3 picked on a chart", view.DescribeFilter());
        Assert.Equal(3, view.BestSoFar!.Trials.Selected!.Count(s => s));
        Assert.Equal(3, view.Heatmap!.Points.Selected!.Count(s => s));
    }

    [Fact]
    public void A_pick_and_a_brush_together_keep_the_trials_inside_both()
    {
        var trials = SweepFixtures.Trials(100);
        var spec = SweepFixtures.Spec();
        var first = SweepView.Build(trials, spec, [], NoChoice);
        var everyOther = trials.Where(t => t.RunId % 2 == 0).Select(t => t.RunId).ToHashSet();
        // layers (axis 1) from 1 to 6.
        AxisBrush[] brushes = [new AxisBrush(1, [new BrushRange(1, 6)])];

        var view = SweepView.Build(trials, spec, brushes, first.Choices, first, everyOther);

        Assert.NotEmpty(view.Visible);
        Assert.All(view.Visible, t => Assert.True(t.RunId % 2 == 0 && (long)t.Parameters["layers"] <= 6));
        Assert.StartsWith("layers 1…6, ", view.DescribeFilter(), StringComparison.Ordinal);
    }
}
