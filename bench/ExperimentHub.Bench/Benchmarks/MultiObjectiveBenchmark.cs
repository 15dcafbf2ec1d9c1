using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Core.MultiObjective;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// ZDT1 in 6 dimensions: bayes (ParEGO) with 60 trials against random with 600, over 20 seeds. Prints the median
/// hypervolume of each (reference point 1.1, 1.1 on the normalized objectives) and the median share of the
/// combined Pareto front each contributes (SigOpt's published figure: 85.7% with a tenth of the trials).
/// </summary>
internal sealed class MultiObjectiveBenchmark : IBenchmark
{
    private static readonly double[] Reference = [1.1, 1.1];

    public string Name => "multiobjective";

    public string Description => "ZDT1 (6 dims): bayes/ParEGO 60 trials vs random 600, hypervolume and front share";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seeds = args.Count > 1 && args[0] == "--seeds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var space = new SearchSpace(Enumerable.Range(0, 6).Select(i => ParameterDefinition.Float($"x{i}", 0, 1)));
        var results = new ConcurrentBag<(double BayesHv, double RandomHv, double BayesShare, double RandomShare)>();
        var watch = Stopwatch.StartNew();
        Parallel.For(0, seeds, new ParallelOptions { CancellationToken = cancellationToken }, seed =>
        {
            var bayes = Run(new BayesSampler(), space, 60, seed + 1);
            var random = Run(new RandomSampler(), space, 600, seed + 1);
            var combined = bayes.Concat(random).ToList();
            var front = ParetoFront.NonDominated(combined);
            var fromBayes = front.Count(i => i < bayes.Count);
            results.Add((
                Hypervolume.Compute(bayes, Reference),
                Hypervolume.Compute(random, Reference),
                (double)fromBayes / front.Length,
                (double)(front.Length - fromBayes) / front.Length));
        });
        var r = results.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"multiobjective: problem=zdt1 dims=6 sampler=bayes trials=60 hypervolume_median={QualityRunner.Median(r.Select(x => x.BayesHv)):F4} front_share_median={QualityRunner.Median(r.Select(x => x.BayesShare)):P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"multiobjective: problem=zdt1 dims=6 sampler=random trials=600 hypervolume_median={QualityRunner.Median(r.Select(x => x.RandomHv)):F4} front_share_median={QualityRunner.Median(r.Select(x => x.RandomShare)):P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"multiobjective: summary seeds={seeds} bayes_share={QualityRunner.Median(r.Select(x => x.BayesShare)):P1} target_share=85.7% bayes_hv_wins={r.Count(x => x.BayesHv > x.RandomHv)}/{seeds} optimum_hv=0.8767 seconds={watch.Elapsed.TotalSeconds:F1}"));
        return Task.CompletedTask;
    }

    internal static double[] Zdt1(double[] x)
    {
        var g = 1 + 9 * x.Skip(1).Sum() / (x.Length - 1);
        return [x[0], g * (1 - Math.Sqrt(x[0] / g))];
    }

    private static List<double[]> Run(ISampler sampler, SearchSpace space, int budget, int seed)
    {
        var objectives = new[] { new Objective("f1", Goal.Minimize), new Objective("f2", Goal.Minimize) };
        var trials = new List<TrialRecord>();
        var points = new List<double[]>();
        while (trials.Count < budget)
        {
            var context = new SearchContext { Space = space, Objectives = objectives, Trials = trials, Seed = seed };
            foreach (var s in sampler.Suggest(context, Math.Min(budget - trials.Count, sampler is RandomSampler ? 100 : 1)))
            {
                var x = Enumerable.Range(0, 6).Select(i => QualityProblem.Get(s, $"x{i}")).ToArray();
                var f = Zdt1(x);
                points.Add(f);
                trials.Add(new TrialRecord
                {
                    Id = trials.Count + 1,
                    Parameters = s,
                    State = TrialState.Completed,
                    Metrics = new Dictionary<string, double> { ["f1"] = f[0], ["f2"] = f[1] },
                });
            }
        }
        return points;
    }
}
