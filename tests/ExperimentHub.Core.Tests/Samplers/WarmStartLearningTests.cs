using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Samplers;

public class WarmStartLearningTests
{
    private static readonly SearchSpace Space = new([
        ParameterDefinition.Float("x", 0, 1), ParameterDefinition.Float("y", 0, 1), ParameterDefinition.Float("z", 0, 1)]);

    /// <summary>A narrow valley with its minimum (0) at <paramref name="center"/>, plus a level.</summary>
    private static Func<IReadOnlyDictionary<string, object>, double?> Valley(double center, double level = 0) => p =>
        level + (10 * Math.Pow(SamplerHarness.X(p, "x") - center, 2)) + Math.Pow(SamplerHarness.X(p, "y") - center, 2)
        + (4 * Math.Pow(SamplerHarness.X(p, "z") - (1 - center), 2));

    private static List<TrialRecord> Sweep(
        Func<IReadOnlyDictionary<string, object>, double?> f, int budget, int seed, IReadOnlyList<HistorySweep> history, SearchSpace? space = null)
    {
        space ??= Space;
        var sampler = new BayesSampler();
        var trials = new List<TrialRecord>();
        while (trials.Count < budget)
        {
            var context = new SearchContext { Space = space, Objectives = SamplerHarness.Loss, Trials = [.. trials], History = history, Seed = seed };
            var p = sampler.Suggest(context, 1)[0];
            trials.Add(new TrialRecord
            {
                Id = trials.Count + 1,
                Parameters = p,
                State = TrialState.Completed,
                Metrics = new Dictionary<string, double> { ["loss"] = f(p)!.Value },
            });
        }
        return trials;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    [Fact]
    public void A_shifted_problem_learns_faster_from_its_predecessor_than_cold_even_when_its_level_moved()
    {
        var cold = new List<double>();
        var warm = new List<double>();
        var moved = new List<double>();
        foreach (var seed in Enumerable.Range(1, 5))
        {
            var prior = Sweep(Valley(0.3), 30, seed + 100, []);
            var history = new[] { new HistorySweep(1, 1.0, prior) };
            // The new problem's optimum moves by 0.05 on each axis; in the second, all its values also sit 5 lower.
            cold.Add(SamplerHarness.Best(Sweep(Valley(0.35), 12, seed, [])));
            warm.Add(SamplerHarness.Best(Sweep(Valley(0.35), 12, seed, history)));
            moved.Add(SamplerHarness.Best(Sweep(Valley(0.35, level: -5), 12, seed, history)) + 5);
        }
        Assert.True(Median(warm) < Median(cold) / 3, $"warm {Median(warm)}, cold {Median(cold)}");
        Assert.True(Median(moved) < Median(cold) / 3, $"warm with a moved level {Median(moved)}, cold {Median(cold)}");
    }

    [Fact]
    public void An_earlier_sweeps_better_values_never_become_this_sweeps_incumbent()
    {
        // The earlier sweep's values are far lower everywhere. Were they taken for this sweep's best, nothing here could
        // improve on them, and the search would wander; read as another task's level, it refines this sweep's own best.
        var prior = Sweep(Valley(0.3, level: -100), 30, 7, []);
        var history = new[] { new HistorySweep(1, 1.0, prior) };
        var trials = Sweep(Valley(0.35), 14, 3, history);
        var best = trials.MinBy(t => t.Metrics["loss"])!;
        var late = trials.Skip(8).Select(t => t.Metrics["loss"]).Min();
        Assert.True(SamplerHarness.Best(trials) < 0.05, $"best {SamplerHarness.Best(trials)} at {string.Join(",", best.Parameters.Values)}");
        Assert.True(late < 0.05, $"the last trials refine: {late}");
    }

    [Fact]
    public void A_warm_started_suggestion_repeats_under_the_same_seed()
    {
        var prior = Sweep(Valley(0.3), 20, 5, []);
        var history = new[] { new HistorySweep(1, 0.8, prior) };
        var own = Sweep(Valley(0.35), 6, 2, history);
        var context = new SearchContext { Space = Space, Objectives = SamplerHarness.Loss, Trials = own, History = history, Seed = 2 };
        Assert.Equal(new BayesSampler().Suggest(context, 3).Select(Space.Fingerprint), new BayesSampler().Suggest(context, 3).Select(Space.Fingerprint));
    }

    /// <summary>Two basins on the square: a wide local one at (0.2, 0.25) whose floor is 0.5, the global one (0) at (0.8, 0.75).</summary>
    private static double TwoBasins(IReadOnlyDictionary<string, object> p)
    {
        var (x, y) = (SamplerHarness.X(p, "x"), SamplerHarness.X(p, "y"));
        var local = 0.5 + (5 * (Math.Pow(x - 0.2, 2) + Math.Pow(y - 0.25, 2)));
        var global = 20 * (Math.Pow(x - 0.8, 2) + Math.Pow(y - 0.75, 2));
        return Math.Min(local, global);
    }

    [Fact]
    public void A_history_stuck_in_a_local_basin_does_not_keep_the_sweep_from_a_better_basin()
    {
        // An earlier sweep that refined the local basin and never met the global one: its best trials all sit at (0.2, 0.25).
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < 16; i++)
        {
            points.Add((0.2 + (0.06 * Math.Cos(i * 2.4)), 0.25 + (0.06 * Math.Sin(i * 2.4))));
        }
        points.AddRange([(0.5, 0.5), (0.1, 0.9), (0.9, 0.1), (0.45, 0.05), (0.05, 0.5), (0.3, 0.65)]);
        var prior = points.Select((p, i) =>
        {
            var parameters = new Dictionary<string, object> { ["x"] = p.X, ["y"] = p.Y };
            return new TrialRecord
            {
                Id = i + 1,
                Parameters = parameters,
                State = TrialState.Completed,
                Metrics = new Dictionary<string, double> { ["loss"] = TwoBasins(parameters) },
            };
        }).ToList();
        var history = new[] { new HistorySweep(1, 1.0, prior) };
        var found = Enumerable.Range(1, 5).Count(seed => SamplerHarness.Best(Sweep(p => TwoBasins(p), 30, seed, history, SamplerHarness.Square)) < 0.25);
        Assert.True(found >= 4, $"the global basin was found in {found} of 5 runs");
    }
}
