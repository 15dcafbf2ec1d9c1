using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Core.Samplers;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Simple regret (best found minus the known optimum) after a fixed budget, median over 20 seeds, for random,
/// grid (on a stepped version of the space), TPE and bayes. Options: function names to run a subset,
/// <c>--seeds N</c>, <c>--long</c> for bayes with 200 trials on Branin and Hartmann-6 (skopt's published figures).
/// </summary>
internal sealed class QualityBenchmark : IBenchmark
{
    public string Name => "quality";

    public string Description => "median simple regret of each sampler on branin, hartmann6, rosenbrock4, mixed";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seeds = 20;
        var seedsAt = args.ToList().IndexOf("--seeds");
        if (seedsAt >= 0)
        {
            seeds = int.Parse(args[seedsAt + 1], CultureInfo.InvariantCulture);
        }
        var onlyLong = args.Contains("--long-only");
        var withLong = args.Contains("--long") || onlyLong;
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet();
        var samplerNames = new[] { "random", "grid", "tpe", "bayes" };
        var regrets = new Dictionary<(string Function, string Sampler), double>();
        var total = Stopwatch.StartNew();
        foreach (var problem in QualityProblem.All.Where(p => names.Count == 0 || names.Contains(p.Name)))
        {
            var runs = new List<(string Sampler, int Budget)>();
            if (!onlyLong)
            {
                runs.AddRange(samplerNames.Select(s => (s, problem.Budget)));
            }
            if (withLong && problem.Name is "branin" or "hartmann6")
            {
                runs.Add(("bayes", 200));
            }
            foreach (var (samplerName, budget) in runs)
            {
                var watch = Stopwatch.StartNew();
                var finals = new ConcurrentBag<double>();
                var seedCount = samplerName == "grid" ? 1 : seeds;
                Parallel.For(0, seedCount, new ParallelOptions { CancellationToken = cancellationToken }, seed =>
                {
                    var sampler = samplerName switch
                    {
                        "random" => (ISampler)new RandomSampler(),
                        "grid" => new GridSampler(),
                        "tpe" => new TpeSampler(),
                        _ => new BayesSampler(),
                    };
                    var space = samplerName == "grid" ? problem.GridSpace! : problem.Space;
                    var best = QualityRunner.BestSoFar(sampler, space, problem.Evaluate, budget, seed + 1);
                    finals.Add(best[^1] - problem.Optimum);
                });
                var median = QualityRunner.Median(finals);
                if (budget == problem.Budget)
                {
                    regrets[(problem.Name, samplerName)] = median;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"quality: function={problem.Name} sampler={samplerName} trials={budget} regret_median={median:G4} seeds={seedCount} seconds={watch.Elapsed.TotalSeconds:F1}"));
            }
        }
        foreach (var function in new[] { "branin", "hartmann6" })
        {
            if (regrets.TryGetValue((function, "random"), out var random))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"quality: function={function} bayes_over_random={regrets[(function, "bayes")] / random:G3} tpe_over_random={regrets[(function, "tpe")] / random:G3} targets=0.1,0.333"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quality: summary seeds={seeds} seconds={total.Elapsed.TotalSeconds:F1}"));
        return Task.CompletedTask;
    }
}
