using ExperimentHub.Core.Importance.Forests;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Importance;

/// <summary>
/// Parameter importance for a finished (or running) sweep: fANOVA main effects on a random forest of regression
/// trees fitted to the completed trials in the unit-cube encoding, averaged over the trees and normalised to sum
/// to 1 (as Optuna's default evaluator does). Inactive conditional values are a point of their own, weighted by how
/// often the parameter was inactive (see <see cref="DimensionMeasure"/>). Deterministic under the options' seed.
/// </summary>
public static class ParameterImportance
{
    public static ImportanceResult Evaluate(SearchSpace space, IReadOnlyList<TrialRecord> trials, Objective objective,
        ImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new ImportanceOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trees, 1, nameof(options));

        var usable = trials
            .Where(t => t.State == TrialState.Completed && t.Metrics.TryGetValue(objective.Metric, out var v) && double.IsFinite(v))
            .ToList();
        if (space.Dimensions == 0 || usable.Count < 2)
        {
            return new ImportanceResult([], usable.Count, $"importance needs at least two completed trials with a finite '{objective.Metric}'");
        }

        var x = usable.Select(t => space.Encode(t.Parameters)).ToArray();
        var y = usable.Select(t => objective.ToLoss(t.Metrics[objective.Metric])).ToArray();
        if (y.All(v => v == y[0]))
        {
            return new ImportanceResult([], usable.Count, $"'{objective.Metric}' was the same in every trial");
        }
        var measures = new DimensionMeasure[space.Dimensions];
        for (var d = 0; d < space.Dimensions; d++)
        {
            var inactive = x.Count(row => double.IsNaN(row[d]));
            measures[d] = new DimensionMeasure((double)inactive / x.Length);
            foreach (var row in x.Where(row => double.IsNaN(row[d])))
            {
                row[d] = DimensionMeasure.Inactive;
            }
        }

        var forest = RandomForest.Grow(x, y, options);
        var sums = new double[space.Dimensions];
        foreach (var tree in forest.Trees)
        {
            var effects = Fanova.MainEffects(tree, measures);
            for (var d = 0; d < sums.Length; d++)
            {
                sums[d] += effects[d];
            }
        }
        var total = sums.Sum();
        string? note = null;
        if (total <= 0)
        {
            // Only interactions vary the objective: no parameter matters more than another on its own.
            Array.Fill(sums, 1.0);
            total = sums.Length;
            note = "no parameter explains the variation on its own; only their interactions do";
        }
        var entries = space.Parameters
            .Select((p, d) => new ParameterImportanceEntry(p.Name, sums[d] / total))
            .OrderByDescending(e => e.Importance)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return new ImportanceResult(entries, usable.Count, note);
    }
}
