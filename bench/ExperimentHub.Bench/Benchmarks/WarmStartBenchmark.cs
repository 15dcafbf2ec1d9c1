using System.Globalization;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Core.WarmStarts;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// <c>warm_start: auto</c>'s meta-learned initial design against a cold start. For each function and seed: a prior
/// sweep (bayes, 50 trials) on the function; then a cold sweep on a shifted version (every numeric coordinate moved by
/// 5% of its range, so the optimum moves but keeps its value) and its regret after 50 trials; then a warm sweep on the
/// shifted version whose first trials are <see cref="WarmStartDesign"/>'s points from the prior sweep, the model after
/// them (the design stands in for bayes's space-filling initial design), with the prior sweep's trials as its history
/// at the similarity the plan measured, and the budget of 50 trials, as the server gives them. Regrets count only each
/// sweep's own trials. Prints the trials the warm sweep needs to reach the cold sweep's regret at 50 (51 when it never does within
/// 50). Target: the median at most a third of 50. Options: the number of seeds (5), <c>--runs</c> for each seed's regrets. Trials run one at a time, as an ask/tell loop or parallel 1 does.
/// </summary>
internal sealed class WarmStartBenchmark : IBenchmark
{
    private const int Trials = 50;
    private const double Shift = 0.05;
    private static readonly Objective[] Loss = [new("loss", Goal.Minimize)];

    public string Name => "warmstart";

    public string Description => "trials a warm-started sweep needs to reach a cold sweep's regret at 50, on shifted functions";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var verbose = args.Contains("--runs");
        var numbers = args.Where(a => a != "--runs").ToList();
        var seeds = numbers.Count > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 5;
        var ratios = new List<double>();
        foreach (var problem in QualityProblem.All)
        {
            var needed = new List<int>();
            var coldRegrets = new List<double>();
            foreach (var seed in Enumerable.Range(1, seeds))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var shifted = Shifted(problem);
                var prior = Run(problem.Space, problem.Evaluate, [], seed + 1000, []);
                var cold = Run(problem.Space, shifted, [], seed, []);
                var target = Best(cold) - problem.Optimum;
                var plan = WarmStartDesign.Build(Loss, [], problem.Space, [new PriorSweep(1, Loss, problem.Space, prior)], WarmStartDesign.SizeFor(Trials));
                var history = plan.Related.Select(r => new HistorySweep(r.SweepId, r.Similarity, prior)).ToList();
                var warm = Run(problem.Space, shifted, plan.Design.Select(d => d.Parameters).ToList(), seed, history);
                var reached = warm.Select((t, i) => (Regret: BestUpTo(warm, i) - problem.Optimum, Trials: i + 1))
                    .FirstOrDefault(x => x.Regret <= target + 1e-12);
                if (verbose)
                {
                    // Each seed's regrets: the prior sweep's at 50, the cold target, the warm sweep's at 10, 16 and 50.
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seed={seed} prior={Best(prior) - problem.Optimum:G3} cold={target:G3} warm@10={BestUpTo(warm, 9) - problem.Optimum:G3} warm@16={BestUpTo(warm, 15) - problem.Optimum:G3} warm@50={Best(warm) - problem.Optimum:G3}"));
                }
                needed.Add(reached.Trials == 0 ? Trials + 1 : reached.Trials);
                coldRegrets.Add(target);
            }
            var median = Median(needed.Select(n => (double)n).ToList());
            ratios.Add(median / Trials);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warmstart: function={problem.Name} seeds={seeds} cold_regret_at_50_median={Median(coldRegrets):G4} warm_trials_needed=[{string.Join(",", needed)}] median={median:0.#} ratio={median / Trials:0.00}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warmstart: summary functions={ratios.Count} worst_ratio={ratios.Max():0.00} median_ratio={Median(ratios):0.00} target<=0.33"));
        return Task.CompletedTask;
    }

    /// <summary>The function with every numeric coordinate moved by <see cref="Shift"/> of its range (choices stay).</summary>
    private static Func<IReadOnlyDictionary<string, object>, double> Shifted(QualityProblem problem) => p =>
    {
        var moved = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var definition in problem.Space.Parameters)
        {
            var value = p[definition.Name];
            moved[definition.Name] = definition.Kind == ParameterKind.Categorical ? value : definition.FromUnit(definition.ToUnit(value) - Shift);
        }
        return problem.Evaluate(moved);
    };

    /// <summary>A sequential bayes sweep: the design points first, then the model's suggestions; returns the completed trials.</summary>
    private static List<TrialRecord> Run(
        SearchSpace space, Func<IReadOnlyDictionary<string, object>, double> evaluate, List<IReadOnlyDictionary<string, object>> design, int seed,
        IReadOnlyList<HistorySweep> history)
    {
        // As a sweep's sampler does: the design stands in for the space-filling initial design.
        var sampler = SamplerFactory.Create(SearchMethod.Bayes, null, design.Count);
        var trials = new List<TrialRecord>();
        while (trials.Count < Trials)
        {
            var parameters = trials.Count < design.Count
                ? design[trials.Count]
                : sampler.Suggest(new SearchContext { Space = space, Objectives = Loss, Trials = [.. trials], History = history, Seed = seed, Budget = Trials }, 1)[0];
            trials.Add(new TrialRecord
            {
                Id = trials.Count + 1,
                Parameters = parameters,
                State = TrialState.Completed,
                Metrics = new Dictionary<string, double> { ["loss"] = evaluate(parameters) },
            });
        }
        return trials;
    }

    private static double Best(List<TrialRecord> trials) => BestUpTo(trials, trials.Count - 1);

    private static double BestUpTo(List<TrialRecord> trials, int last) => trials.Take(last + 1).Min(t => t.Metrics["loss"]);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
