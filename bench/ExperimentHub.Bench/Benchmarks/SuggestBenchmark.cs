using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Median time of one suggestion with many finished trials in 6 dimensions (Hartmann-6 values):
/// bayes at 200 and 500 trials, TPE at 1,000. Each case is timed on several seeds after one warm-up call. The
/// process CPU time is printed too: on a shared, overloaded machine it is the steadier figure.
/// </summary>
internal sealed class SuggestBenchmark : IBenchmark
{
    public string Name => "suggest";

    public string Description => "median suggestion latency: bayes with 200 and 500 trials, TPE with 1000 (6 dims)";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var space = new SearchSpace(Enumerable.Range(0, 6).Select(i => ParameterDefinition.Float($"x{i}", 0, 1)));
        var cases = new (string Sampler, int Trials, double TargetMs, int Repeats)[]
        {
            ("bayes", 200, 100, 9),
            ("bayes", 500, 1000, 5),
            ("tpe", 1000, 10, 21),
        };
        var summary = new List<string>();
        foreach (var (samplerName, trials, target, repeats) in cases)
        {
            ISampler sampler = samplerName == "tpe" ? new TpeSampler() : new BayesSampler();
            var times = new List<double>();
            var cpuTimes = new List<double>();
            using var process = Process.GetCurrentProcess();
            for (var r = -1; r < repeats; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var context = Context(space, trials, seed: r + 2);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var suggestion = sampler.Suggest(context, 1);
                watch.Stop();
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                if (suggestion.Count != 1)
                {
                    throw new InvalidOperationException($"{samplerName} suggested {suggestion.Count} points.");
                }
                if (r >= 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpuTimes.Add(cpu);
                }
            }
            var median = QualityRunner.Median(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"suggest: sampler={samplerName} trials={trials} dims=6 median_ms={median:F1} median_cpu_ms={QualityRunner.Median(cpuTimes):F1} min_ms={times.Min():F1} max_ms={times.Max():F1} target_ms={target}"));
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"{samplerName}{trials}_ms={median:F1}"));
        }
        Console.WriteLine("suggest: summary " + string.Join(' ', summary));
        return Task.CompletedTask;
    }

    private static SearchContext Context(SearchSpace space, int count, int seed)
    {
        var random = new Random(seed);
        var trials = new List<TrialRecord>(count);
        for (var t = 0; t < count; t++)
        {
            var x = Enumerable.Range(0, 6).Select(_ => random.NextDouble()).ToArray();
            trials.Add(new TrialRecord
            {
                Id = t + 1,
                Parameters = space.Decode(x),
                State = TrialState.Completed,
                Metrics = new Dictionary<string, double> { ["loss"] = QualityProblem.Hartmann6(x) },
            });
        }
        return new SearchContext { Space = space, Objectives = [new Objective("loss", Goal.Minimize)], Trials = trials, Seed = seed };
    }
}
