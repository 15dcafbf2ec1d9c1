using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

public static class BestSoFar
{
    /// <summary>Trial markers drawn at most (the scatter charts' cap); beyond that they are a cloud whose shape thinning keeps.</summary>
    internal const int MaxMarkers = Charts.ScatterSample.MaxPoints;

    /// <summary>
    /// Each completed trial's objective in the order trials finished (markers) and the best value so far (a step
    /// line), over the count of completed trials; while brushing, <paramref name="selected"/> marks the trials inside.
    /// </summary>
    public static BestSoFarData Build(IReadOnlyList<TrialRow> trials, Objective objective, Func<TrialRow, bool>? selected = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var finished = trials
            .Where(t => t.State == TrialStates.Completed && t.Metrics.TryGetValue(objective.Metric, out var v) && double.IsFinite(v))
            .OrderBy(t => t.FinishedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(t => t.Number)
            .ToList();
        var values = finished.Select(t => t.Metrics[objective.Metric]).ToArray();
        var best = new double[finished.Count];
        var bestTrial = new TrialRow[finished.Count];
        for (var i = 0; i < finished.Count; i++)
        {
            var improved = i == 0 || objective.ToLoss(values[i]) < objective.ToLoss(best[i - 1]);
            best[i] = improved ? values[i] : best[i - 1];
            bestTrial[i] = improved ? finished[i] : bestTrial[i - 1];
        }
        // The step line needs only the trials that improved (and the last); thousands of markers are thinned evenly.
        var steps = Enumerable.Range(0, best.Length).Where(i => i == 0 || i == best.Length - 1 || best[i] != best[i - 1]).ToList();
        var stride = Math.Max(1, (int)Math.Ceiling(finished.Count / (double)MaxMarkers));
        var markers = Enumerable.Range(0, finished.Count).Where(i => i % stride == 0).ToList();
        var metric = objective.Metric;
        var trialMarkers = new ScatterGroup(
            markers.Select(i => i + 1.0).ToArray(),
            markers.Select(i => values[i]).ToArray(),
            markers.Select(i => finished[i].RunId).ToArray(),
            markers.Select(i => $"trial {finished[i].Number}: {metric}={Display.Number(values[i])}").ToArray(),
            selected is null ? null : markers.Select(i => selected(finished[i])).ToArray());
        var bestLine = new ScatterGroup(
            steps.Select(i => i + 1.0).ToArray(),
            steps.Select(i => best[i]).ToArray(),
            steps.Select(i => bestTrial[i].RunId).ToArray(),
            steps.Select(i => $"best after {i + 1} trials: {metric}={Display.Number(best[i])} (trial {bestTrial[i].Number})").ToArray(),
            null);
        return new BestSoFarData(trialMarkers, bestLine, metric, finished.Count);
    }
}
