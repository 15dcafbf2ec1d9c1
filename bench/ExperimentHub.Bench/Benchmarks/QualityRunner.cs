using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>Runs a sampler sequentially on a function and reports the best value found after each trial.</summary>
internal static class QualityRunner
{
    public static double[] BestSoFar(
        ISampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, object>, double> evaluate, int budget, int seed)
    {
        var objectives = new[] { new Objective("loss", Goal.Minimize) };
        var trials = new List<TrialRecord>();
        var best = new double[budget];
        var current = double.PositiveInfinity;
        for (var t = 0; t < budget; t++)
        {
            var context = new SearchContext { Space = space, Objectives = objectives, Trials = trials, Seed = seed };
            var suggestion = sampler.Suggest(context, 1);
            if (suggestion.Count == 0)
            {
                // An exhausted grid: the rest of the budget changes nothing.
                best.AsSpan(t).Fill(current);
                break;
            }
            var value = evaluate(suggestion[0]);
            current = Math.Min(current, value);
            best[t] = current;
            trials.Add(new TrialRecord
            {
                Id = t + 1,
                Parameters = suggestion[0],
                State = TrialState.Completed,
                Metrics = new Dictionary<string, double> { ["loss"] = value },
            });
        }
        return best;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
