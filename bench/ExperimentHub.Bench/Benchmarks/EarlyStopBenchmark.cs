using System.Globalization;
using ExperimentHub.Core.Pruners;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// ASHA and the median rule against running every trial to the end, on simulated learning curves (20 seeds):
/// the share of training steps spent, and the best final loss found (medians over seeds).
/// </summary>
internal sealed class EarlyStopBenchmark : IBenchmark
{
    private const int Seeds = 20;
    private const int Trials = 81;
    private const int MaxSteps = 81;
    private const int Parallel = 4;

    public string Name => "earlystop";

    public string Description => "ASHA and median stopping vs full training on simulated learning curves: steps spent, best loss";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var pruners = new (string Name, Func<IPruner> Create)[]
        {
            ("asha", () => new AshaPruner(Goal.Minimize, minSteps: 1, reductionFactor: 3, maxSteps: MaxSteps)),
            ("median", () => new MedianPruner(Goal.Minimize, minSteps: 5, minTrials: 5)),
        };
        var summary = new List<string>();
        var fullBests = new List<double>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            fullBests.Add(new EarlyStopSimulation(seed, Trials, MaxSteps).RunFull().Best);
        }
        foreach (var (name, create) in pruners)
        {
            var ratios = new List<double>();
            var bests = new List<double>();
            var gaps = new List<double>();
            var kept = 0;
            for (var seed = 0; seed < Seeds; seed++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var simulation = new EarlyStopSimulation(seed, Trials, MaxSteps);
                var full = simulation.RunFull();
                var run = simulation.Run(create(), Parallel);
                ratios.Add((double)run.Steps / full.Steps);
                bests.Add(run.Best);
                gaps.Add(run.Best - full.Best);
                kept += run.Best <= full.Best ? 1 : 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"earlystop: pruner={name} seeds={Seeds} trials={Trials} max_steps={MaxSteps} parallel={Parallel} " +
                $"steps_ratio={Median(ratios):F3} best={Median(bests):F4} full_best={Median(fullBests):F4} " +
                $"gap_median={Median(gaps):F4} gap_max={gaps.Max():F4} kept_best={kept}/{Seeds}"));
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"{name}_steps_ratio={Median(ratios):F3} {name}_best={Median(bests):F4}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"earlystop: summary {string.Join(' ', summary)} full_best={Median(fullBests):F4}"));
        return Task.CompletedTask;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
