using System.Globalization;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Pruners;

/// <summary>
/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning").
/// Rungs sit at <c>minSteps * eta^k</c> below <c>maxSteps</c>. When a trial first reports at or past a rung, its
/// score there (its best value so far) is ranked against the trials that reached the rung before it; it goes on only
/// if it is in the top <c>1/eta</c> of them all (at least the best one goes on). A rung decides once it holds
/// <c>minTrials</c> scores; before that every trial goes on, since trials cannot be paused and resumed later.
/// Each rung decides once per trial, on the report that reaches it, so a promoted trial is not judged again there.
/// </summary>
public sealed class AshaPruner : IPruner
{
    private const int MaxRungs = 62;

    private readonly Goal _goal;
    private readonly int _eta;
    private readonly int _minTrials;
    private readonly string _metric;

    public AshaPruner(Goal goal, long minSteps = 1, int reductionFactor = 3, long? maxSteps = null, int? minTrials = null,
        string metric = "value")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        if (maxSteps is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(max, minSteps, nameof(maxSteps));
        }
        _goal = goal;
        _eta = reductionFactor;
        _minTrials = minTrials ?? reductionFactor;
        ArgumentOutOfRangeException.ThrowIfLessThan(_minTrials, 1, nameof(minTrials));
        _metric = metric;

        var rungs = new List<long>();
        for (var rung = minSteps; rungs.Count < MaxRungs && (maxSteps is null || rung < maxSteps); rung *= reductionFactor)
        {
            rungs.Add(rung);
            if (rung > long.MaxValue / reductionFactor)
            {
                break;
            }
        }
        Rungs = rungs;
    }

    /// <summary>The steps at which trials are compared, smallest first.</summary>
    public IReadOnlyList<long> Rungs { get; }

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

        // The highest rung this report reaches; decide only if the report before it was below that rung.
        var rungIndex = HighestRungAtOrBelow(last.Step);
        if (rungIndex < 0 || (curve.Count > 1 && curve[^2].Step >= Rungs[rungIndex]))
        {
            return PruneDecision.Continue;
        }
        var rung = Rungs[rungIndex];
        var score = IntermediateCurves.BestOfFirst(curve, curve.Count, _goal);
        if (double.IsNaN(score))
        {
            return PruneDecision.Continue;
        }

        var recorded = 1;
        var better = 0;
        foreach (var other in trials)
        {
            if (other.Id == trial.Id)
            {
                continue;
            }
            var reached = IntermediateCurves.FirstAtOrAfter(other.Intermediate, rung);
            if (reached < 0)
            {
                continue;
            }
            var otherScore = IntermediateCurves.BestOfFirst(other.Intermediate, reached + 1, _goal);
            if (double.IsNaN(otherScore))
            {
                continue;
            }
            recorded++;
            if (IntermediateCurves.IsBetter(otherScore, score, _goal))
            {
                better++;
            }
        }
        if (recorded < _minTrials)
        {
            return PruneDecision.Continue;
        }
        var promoted = Math.Max(1, recorded / _eta);
        return better < promoted
            ? PruneDecision.Continue
            : PruneDecision.StopBecause(
                $"{_metric} {Format(score)} at rung {Format(rung)} ranks {Format(better + 1)} of {Format(recorded)}; " +
                $"only the top {Format(promoted)} (1/{Format(_eta)}) go on");
    }

    private int HighestRungAtOrBelow(long step)
    {
        var index = -1;
        for (var i = 0; i < Rungs.Count && Rungs[i] <= step; i++)
        {
            index = i;
        }
        return index;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
