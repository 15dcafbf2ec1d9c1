using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

public static class BestSoFar
{
    /// <summary>
    /// Each completed trial's objective in the order trials finished (markers) and the best value so far (a step
    /// line), over the trial count.
    /// </summary>
    public static IReadOnlyList<LineSeries> Build(IReadOnlyList<TrialRow> trials, Objective objective)
    {
        var finished = trials
            .Where(t => t.State == TrialStates.Completed && t.Metrics.TryGetValue(objective.Metric, out var v) && double.IsFinite(v))
            .OrderBy(t => t.FinishedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(t => t.Number)
            .ToList();
        var x = new double[finished.Count];
        var values = new double[finished.Count];
        var best = new double[finished.Count];
        var current = objective.Goal == Goal.Maximize ? double.NegativeInfinity : double.PositiveInfinity;
        for (var i = 0; i < finished.Count; i++)
        {
            var v = finished[i].Metrics[objective.Metric];
            current = objective.Goal == Goal.Maximize ? Math.Max(current, v) : Math.Min(current, v);
            x[i] = i + 1;
            values[i] = v;
            best[i] = current;
        }
        return
        [
            new LineSeries("trial", x, values, Mode: "markers", Color: "#9aa3b5", Opacity: 0.7),
            new LineSeries("best so far", x, best, Shape: "hv", Color: "#e07b00"),
        ];
    }
}
