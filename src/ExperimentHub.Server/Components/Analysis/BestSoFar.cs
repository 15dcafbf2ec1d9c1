using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

public static class BestSoFar
{
    /// <summary>Trial markers drawn at most; beyond that they are a cloud whose shape thinning keeps.</summary>
    internal const int MaxMarkers = 2000;

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
        // The step line needs only the trials that improved (and the last); thousands of markers are thinned evenly.
        var steps = Enumerable.Range(0, best.Length).Where(i => i == 0 || i == best.Length - 1 || best[i] != best[i - 1]).ToList();
        var stride = Math.Max(1, (int)Math.Ceiling(finished.Count / (double)MaxMarkers));
        var markers = Enumerable.Range(0, finished.Count).Where(i => i % stride == 0).ToList();
        return
        [
            new LineSeries("trial", markers.Select(i => x[i]).ToArray(), markers.Select(i => values[i]).ToArray(), Mode: "markers", Color: "#9aa3b5", Opacity: 0.7),
            new LineSeries("best so far", steps.Select(i => x[i]).ToArray(), steps.Select(i => best[i]).ToArray(), Shape: "hv", Color: "#e07b00"),
        ];
    }
}
