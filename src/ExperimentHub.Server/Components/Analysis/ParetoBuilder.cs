using ExperimentHub.Core.MultiObjective;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

/// <summary>
/// Two objectives of a sweep: the non-dominated feasible trials (Core's O(n log n) front), the dominated ones, the
/// infeasible ones (a constraint broken), and the hypervolume of the front against a reference point just beyond
/// the worst feasible value of each objective.
/// </summary>
public static class ParetoBuilder
{
    public static (ParetoData Data, double Hypervolume) Build(
        IReadOnlyList<TrialRow> trials, Objective xObjective, Objective yObjective, IReadOnlyList<Constraint> constraints,
        Func<TrialRow, bool>? selected)
    {
        var feasible = new List<TrialRow>();
        var infeasible = new List<TrialRow>();
        foreach (var t in trials)
        {
            if (t.State != TrialStates.Completed || !Finite(t, xObjective.Metric) || !Finite(t, yObjective.Metric))
            {
                continue;
            }
            var ok = constraints.All(c => t.Metrics.TryGetValue(c.Metric, out var v) && c.IsMetBy(v));
            (ok ? feasible : infeasible).Add(t);
        }

        var losses = feasible
            .Select(t => (IReadOnlyList<double>)[xObjective.ToLoss(t.Metrics[xObjective.Metric]), yObjective.ToLoss(t.Metrics[yObjective.Metric])])
            .ToList();
        var frontIndices = losses.Count == 0 ? [] : ParetoFront.NonDominated(losses);
        var onFront = new bool[feasible.Count];
        foreach (var i in frontIndices)
        {
            onFront[i] = true;
        }
        var front = frontIndices.Select(i => feasible[i]).OrderBy(t => t.Metrics[xObjective.Metric]).ToList();
        var dominated = feasible.Where((_, i) => !onFront[i]).ToList();

        var hypervolume = 0.0;
        if (frontIndices.Length > 0)
        {
            // Reference: the worst feasible loss of each objective, pushed out by a tenth of its range.
            var reference = new double[2];
            for (var d = 0; d < 2; d++)
            {
                var worst = losses.Max(l => l[d]);
                var best = losses.Min(l => l[d]);
                reference[d] = worst + Math.Max(0.1 * (worst - best), 1e-12);
            }
            hypervolume = Hypervolume.Compute(frontIndices.Select(i => losses[i]).ToList(), reference);
        }

        ScatterGroup Group(List<TrialRow> rows) => new(
            rows.Select(t => t.Metrics[xObjective.Metric]).ToArray(),
            rows.Select(t => t.Metrics[yObjective.Metric]).ToArray(),
            rows.Select(t => t.RunId).ToArray(),
            new HoverTexts(rows.Count, i =>
                $"trial {rows[i].Number}: {xObjective.Metric}={Display.Number(rows[i].Metrics[xObjective.Metric])}, {yObjective.Metric}={Display.Number(rows[i].Metrics[yObjective.Metric])}"),
            selected is null ? null : rows.Select(selected).ToArray());

        return (new ParetoData(Group(front), Group(dominated), Group(infeasible),
            $"{xObjective.Metric} ({Word(xObjective.Goal)})", $"{yObjective.Metric} ({Word(yObjective.Goal)})",
            xObjective.Goal == Goal.Maximize), hypervolume);
    }

    private static bool Finite(TrialRow t, string metric) => t.Metrics.TryGetValue(metric, out var v) && double.IsFinite(v);

    private static string Word(Goal goal) => goal == Goal.Maximize ? "max" : "min";
}
