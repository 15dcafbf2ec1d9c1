using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Runs a sampler on a function the way the dispatcher drives a sweep (SweepCoordinator): whenever fewer than
/// <c>parallel</c> trials are in flight it asks <see cref="ISampler.Suggest"/> once for the missing number, with
/// every trial of the sweep in the context, those still running included. Trials take random times (seeded), so
/// they finish out of order and later requests see pending neighbours, as real sweeps do.
/// </summary>
internal static class QualityRunner
{
    private static readonly Objective[] Loss = [new("loss", Goal.Minimize)];

    /// <summary>Points closer than this share of the unit cube's diagonal count as near-duplicates.</summary>
    public const double NearDuplicateShare = 1e-3;

    public static double[] BestSoFar(
        ISampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, object>, double> evaluate, int budget, int seed) =>
        Run(sampler, space, evaluate, budget, parallel: 1, seed).BestSoFar;

    public static QualityRun Run(
        ISampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, object>, double> evaluate, int budget, int parallel, int seed)
    {
        var trials = new List<TrialRecord>();
        var finishAt = new PriorityQueue<int, (double Time, int Index)>();
        var durations = new Random(seed * 7919 + parallel);
        var points = new List<double[]>();
        var best = new double[budget];
        var bestPoint = Array.Empty<double>();
        var current = double.PositiveInfinity;
        var finished = 0;
        var now = 0.0;
        var nearDuplicates = 0;
        var threshold = NearDuplicateShare * Math.Sqrt(space.Dimensions);
        while (finished < budget)
        {
            var inFlight = trials.Count - finished;
            var want = Math.Min(parallel - inFlight, budget - trials.Count);
            if (want > 0)
            {
                var context = new SearchContext { Space = space, Objectives = Loss, Trials = [.. trials], Seed = seed, Budget = budget };
                var suggestions = sampler.Suggest(context, want);
                var running = trials.Where(t => t.State == TrialState.Running).Select(t => space.Encode(t.Parameters)).ToList();
                foreach (var suggestion in suggestions)
                {
                    var unit = space.Encode(suggestion);
                    nearDuplicates += running.Count(r => Distance(r, unit) < threshold);
                    running.Add(unit);
                    points.Add(unit);
                    finishAt.Enqueue(trials.Count, (now + 0.5 + durations.NextDouble(), trials.Count));
                    trials.Add(new TrialRecord { Id = trials.Count + 1, Parameters = suggestion, State = TrialState.Running });
                }
                if (suggestions.Count == 0 && trials.Count == finished)
                {
                    // An exhausted grid: the rest of the budget changes nothing.
                    best.AsSpan(finished).Fill(current);
                    break;
                }
            }
            finishAt.TryDequeue(out var index, out var at);
            now = at.Time;
            var trial = trials[index];
            var value = evaluate(trial.Parameters);
            if (value < current)
            {
                (current, bestPoint) = (value, space.Encode(trial.Parameters));
            }
            best[finished++] = current;
            trials[index] = trial with { State = TrialState.Completed, Metrics = new Dictionary<string, double> { ["loss"] = value } };
        }
        return new QualityRun(best, points, bestPoint, nearDuplicates);
    }

    /// <summary>Euclidean distance in the unit cube; inactive coordinates (NaN) count as equal.</summary>
    public static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var t = double.IsNaN(a[d]) || double.IsNaN(b[d]) ? 0 : a[d] - b[d];
            sum += t * t;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Whether every coordinate lies within <paramref name="margin"/> of a face: the point sits in a corner of the box.</summary>
    public static bool InCorner(double[] unit, double margin = 0.05) =>
        unit.All(u => double.IsNaN(u) || u < margin || u > 1 - margin);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
