using ExperimentHub.Server.Components.Pages.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

public sealed class TrialGridRowsTests
{
    [Fact]
    public void Columns_are_the_parameters_then_each_objective_and_constraint_metric_once()
    {
        var grid = TrialGridRows.Build(SweepFixtures.Trials(3), SweepFixtures.Spec(), DateTimeOffset.UnixEpoch);
        Assert.Equal(["p_lr", "p_layers", "p_dropout", "p_optimizer", "m_accuracy", "m_inference_ms"], grid.Columns.Select(c => c.Key));
        Assert.False(grid.Columns.Single(c => c.Key == "p_optimizer").IsNumeric);
        Assert.All(grid.Columns.Where(c => c.Key != "p_optimizer"), c => Assert.True(c.IsNumeric));
    }

    [Fact]
    public void Rows_hold_numbers_as_doubles_choices_as_text_and_gaps_as_NaN()
    {
        var trials = SweepFixtures.Trials(3);
        var grid = TrialGridRows.Build(trials, SweepFixtures.Spec(), DateTimeOffset.UnixEpoch);
        Assert.Equal(4, grid.Rows.Count);
        var first = grid.Rows[0];
        var column = grid.Columns.ToDictionary(c => c.Key);
        Assert.Equal(1, first.Number);
        Assert.Equal("completed", first.State);
        Assert.Equal(trials[0].RunId, first.RunId);
        Assert.Equal(Math.Round(30.25, 1), first.Seconds);
        Assert.Equal((double)(long)trials[0].Parameters["layers"], column["p_layers"].ReadNumber(first));
        Assert.Equal(trials[0].Parameters["optimizer"], column["p_optimizer"].ReadText(first));
        Assert.Equal(trials[0].Metrics["accuracy"], column["m_accuracy"].ReadNumber(first));
        Assert.True(double.IsNaN(column["m_accuracy"].ReadNumber(grid.Rows[^1])));
    }

    [Fact]
    public void A_running_trial_counts_its_seconds_up_to_now()
    {
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var running = SweepFixtures.Trials(1)[0] with { State = "running", StartedAt = started, FinishedAt = null };
        var grid = TrialGridRows.Build([running], SweepFixtures.Spec(), started.AddSeconds(12.34));
        Assert.Equal(12.3, grid.Rows[0].Seconds);
    }

    [Fact]
    public void A_rebuild_for_the_same_spec_keeps_the_columns_so_the_grid_keeps_its_state()
    {
        var first = TrialGridRows.Build(SweepFixtures.Trials(3), SweepFixtures.Spec(), DateTimeOffset.UnixEpoch);
        var second = TrialGridRows.Build(SweepFixtures.Trials(5), SweepFixtures.Spec(), DateTimeOffset.UnixEpoch, first);
        Assert.Same(first.Columns, second.Columns);
        Assert.NotSame(first.Rows, second.Rows);
    }

    [Fact]
    public void Sorting_by_a_column_expression_orders_rows_by_that_value()
    {
        var grid = TrialGridRows.Build(SweepFixtures.Trials(6), SweepFixtures.Spec(), DateTimeOffset.UnixEpoch);
        var accuracy = grid.Columns.Single(c => c.Key == "m_accuracy");
        var read = accuracy.NumberExpression!.Compile();
        var sorted = grid.Rows.Where(r => !double.IsNaN(read(r))).OrderBy(read).Select(accuracy.ReadNumber).ToList();
        Assert.Equal(sorted.Order().ToList(), sorted);
        Assert.True(sorted.Count >= 2);
    }
}
