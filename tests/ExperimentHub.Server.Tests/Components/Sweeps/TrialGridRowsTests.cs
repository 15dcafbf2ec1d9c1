using ExperimentHub.Server.Components.Pages.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

public sealed class TrialGridRowsTests
{
    [Fact]
    public void Columns_are_the_parameters_then_each_objective_and_constraint_metric_once()
    {
        var grid = TrialGridRows.Build(SweepFixtures.Trials(3), SweepFixtures.Spec(), DateTimeOffset.UnixEpoch);
        Assert.Equal(["p_lr", "p_layers", "p_dropout", "p_optimizer", "m_accuracy", "m_inference_ms"], grid.Columns.Select(c => c.Key));
        Assert.Equal(typeof(string), grid.Columns.Single(c => c.Key == "p_optimizer").Type);
        Assert.All(grid.Columns.Where(c => c.Key != "p_optimizer"), c => Assert.Equal(typeof(double), c.Type));
    }

    [Fact]
    public void Rows_hold_numbers_as_doubles_choices_as_text_and_gaps_as_NaN()
    {
        var trials = SweepFixtures.Trials(3);
        var grid = TrialGridRows.Build(trials, SweepFixtures.Spec(), DateTimeOffset.UnixEpoch);
        Assert.Equal(4, grid.Rows.Count);
        var first = grid.Rows[0];
        Assert.Equal(1, first["number"]);
        Assert.Equal("completed", first["state"]);
        Assert.Equal(trials[0].RunId, first["runId"]);
        Assert.Equal(Math.Round(30.25, 1), first["seconds"]);
        Assert.Equal((double)(long)trials[0].Parameters["layers"], first["p_layers"]);
        Assert.Equal(trials[0].Parameters["optimizer"], first["p_optimizer"]);
        Assert.Equal(trials[0].Metrics["accuracy"], first["m_accuracy"]);
        var failed = grid.Rows[^1];
        Assert.True(double.IsNaN((double)failed["m_accuracy"]));
    }

    [Fact]
    public void A_running_trial_counts_its_seconds_up_to_now()
    {
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var running = SweepFixtures.Trials(1)[0] with { State = "running", StartedAt = started, FinishedAt = null };
        var grid = TrialGridRows.Build([running], SweepFixtures.Spec(), started.AddSeconds(12.34));
        Assert.Equal(12.3, grid.Rows[0]["seconds"]);
    }
}
