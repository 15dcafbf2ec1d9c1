using ExperimentHub.Core.MultiObjective;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Dispatch;

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
        // The same split the sweeps API reports its Pareto set from, on the two objectives drawn.
        var split = SweepResults.Split(trials, t => t.State == TrialStates.Completed, t => t.Metrics, [xObjective, yObjective], constraints);
        var losses = split.Losses;
        var frontIndices = split.FrontIndices;
        var front = frontIndices.Select(i => split.Feasible[i]).OrderBy(t => t.Metrics[xObjective.Metric]).ToList();
        var dominated = split.Dominated.ToList();
        var infeasible = split.Infeasible.ToList();

        var hypervolume = 0.0;
        if (frontIndices.Count > 0)
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

    private static string Word(Goal goal) => goal == Goal.Maximize ? "max" : "min";
}
