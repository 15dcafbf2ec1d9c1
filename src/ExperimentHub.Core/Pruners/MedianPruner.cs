using System.Globalization;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Pruners;

/// <summary>
/// The median stopping rule (Golovin et al., Google Vizier): once a trial has run <c>minSteps</c> and at least
/// <c>minTrials</c> other trials have completed, it stops when its best value so far is worse than the median of
/// the completed trials' values at the same step (each one's last value at or before that step).
/// A NaN report stops a trial at once: a diverged run does not recover.
/// </summary>
public sealed class MedianPruner : IPruner
{
    private readonly Goal _goal;
    private readonly long _minSteps;
    private readonly int _minTrials;
    private readonly string _metric;

    public MedianPruner(Goal goal, long minSteps = 1, int minTrials = 5, string metric = "value")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minTrials, 1);
        _goal = goal;
        _minSteps = minSteps;
        _minTrials = minTrials;
        _metric = metric;
    }

    public PruneDecision Decide(TrialRecord trial, IReadOnlyList<TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(trials);
        var curve = trial.Intermediate;
        if (curve.Count == 0)
        {
            return PruneDecision.Continue;
        }
        var last = curve[^1];
        if (double.IsNaN(last.Value))
        {
            return PruneDecision.StopBecause($"{_metric} was NaN at step {Format(last.Step)}");
        }
        if (last.Step < _minSteps)
        {
            return PruneDecision.Continue;
        }

        var completed = 0;
        var others = new List<double>();
        foreach (var other in trials)
        {
            if (other.Id == trial.Id || other.State != TrialState.Completed)
            {
                continue;
            }
            completed++;
            var index = IntermediateCurves.LastAtOrBefore(other.Intermediate, last.Step);
            if (index >= 0 && !double.IsNaN(other.Intermediate[index].Value))
            {
                others.Add(other.Intermediate[index].Value);
            }
        }
        if (completed < _minTrials || others.Count == 0)
        {
            return PruneDecision.Continue;
        }

        var best = IntermediateCurves.BestOfFirst(curve, curve.Count, _goal);
        var median = IntermediateCurves.Median(others);
        return IntermediateCurves.IsBetter(median, best, _goal)
            ? PruneDecision.StopBecause(
                $"{_metric} {Format(best)} (best by step {Format(last.Step)}) is worse than the median {Format(median)} " +
                $"of {others.Count} completed trials at that step")
            : PruneDecision.Continue;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
