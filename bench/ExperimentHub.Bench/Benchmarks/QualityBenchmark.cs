using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Simple regret (best found minus the known optimum) after a fixed budget, median over seeds, every sweep driven
/// through the dispatcher's batch path (<see cref="QualityRunner"/>). Sections, all by default or chosen with
/// <c>--section NAME</c>:
/// <list type="bullet">
/// <item><c>sequential</c>: random, grid (on a stepped space), TPE, bayes and CMA-ES one trial at a time on the classic
/// functions, CMA-ES beside Optuna's CMA-ES figures;</item>
/// <item><c>parallel</c>: bayes at parallel 1, 4 and 8 with the same budget on every function: regret, its ratio to
/// parallel 1, near-duplicate pairs in flight, and the share of trials in the box's corners;</item>
/// <item><c>basin</c>: runs of 25–30 trials on small multimodal functions that end in a global minimum's basin;</item>
/// <item><c>acquisition</c>: one line per acquisition function (regret and basin hits).</item>
/// </list>
/// Other options: function names to run a subset, <c>--samplers a,b</c> for a subset of the sequential section's samplers,
/// <c>--parallel 1,4</c> for the parallel section's levels (1, 4 and 8 by default; 1 comes first for the ratios), <c>--seeds N</c>, <c>--basin-runs N</c> (10 by default), <c>--runs</c> to print each
/// run's regret at 60%, 80% and all of the budget in the parallel section, <c>--long</c> for bayes with 200 trials on
/// Branin and Hartmann-6 (skopt's published figures).
/// </summary>
internal sealed class QualityBenchmark : IBenchmark
{
    private const int DefaultBasinRuns = 10;
    private static readonly int[] DefaultParallelLevels = [1, 4, 8];
    private static readonly string[] Sections = ["sequential", "parallel", "basin", "acquisition"];

    /// <summary>Optuna 3.1's CmaEsSampler on the same problems and budgets (median regret over seeds), for comparison.</summary>
    private static readonly Dictionary<string, double> OptunaCmaEs = new(StringComparer.Ordinal) { ["rosenbrock4"] = 3.08 };

    public string Name => "quality";

    public string Description => "median simple regret per sampler, parallel 1/4/8, global-basin hits, corners, acquisitions";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seeds = 20;
        var basinRuns = DefaultBasinRuns;
        var verbose = false;
        var sections = new HashSet<string>(StringComparer.Ordinal);
        string[] samplers = ["random", "grid", "tpe", "bayes", "cmaes"];
        var levels = DefaultParallelLevels;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--seeds":
                    seeds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--basin-runs":
                    basinRuns = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    verbose = true;
                    break;
                case "--samplers":
                    samplers = args[++i].Split(',');
                    break;
                case "--parallel":
                    levels = [.. args[++i].Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
                    break;
                case "--section":
                    sections.Add(args[++i]);
                    break;
                case "--long" or "--long-only":
                    sections.Add(args[i] == "--long" ? "long" : "long-only");
                    break;
                default:
                    names.Add(args[i].StartsWith("--", StringComparison.Ordinal)
                        ? throw new ArgumentException($"unknown option {args[i]}: use --seeds N, --basin-runs N, --runs, --samplers a,b, --parallel 1,4, --section {string.Join('|', Sections)}, --long, --long-only, or function names")
                        : args[i]);
                    break;
            }
        }
        var known = QualityProblem.All.Concat(QualityProblem.Multimodal).Select(p => p.Name).Distinct().ToList();
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknownName)
        {
            throw new ArgumentException($"unknown function {unknownName}: choose from {string.Join(", ", known)}");
        }
        if (sections.FirstOrDefault(n => !Sections.Contains(n) && n is not ("long" or "long-only")) is { } unknownSection)
        {
            throw new ArgumentException($"unknown section {unknownSection}: choose from {string.Join(", ", Sections)}");
        }
        bool Wanted(string section) => sections.Count == 0 ? section != "long" : sections.Contains(section) || (section == "long" && sections.Contains("long-only"));
        bool Chosen(QualityProblem p) => names.Count == 0 || names.Contains(p.Name);
        var classic = QualityProblem.All.Where(Chosen).ToList();
        var multimodal = QualityProblem.Multimodal.Where(Chosen).ToList();
        var total = Stopwatch.StartNew();
        var summary = new List<string>();
        if (Wanted("sequential") && !sections.Contains("long-only"))
        {
            Sequential(classic, samplers, seeds, cancellationToken);
        }
        if (Wanted("long"))
        {
            foreach (var problem in classic.Where(p => p.Name is "branin" or "hartmann6"))
            {
                var median = QualityRunner.Median(Regrets(problem, "bayes", 200, 1, seeds, cancellationToken).Select(r => r.Best - problem.Optimum));
                Console.WriteLine(Line($"quality: function={problem.Name} sampler=bayes trials=200 regret_median={median:G4} seeds={seeds}"));
            }
        }
        if (Wanted("parallel"))
        {
            summary.Add(Parallel(classic.Concat(multimodal.Where(m => !classic.Exists(c => c.Name == m.Name))).ToList(), levels, seeds, verbose, cancellationToken));
        }
        if (Wanted("basin"))
        {
            summary.Add(Basin(multimodal, "bayes", basinRuns, cancellationToken));
        }
        if (Wanted("acquisition"))
        {
            Acquisitions(classic, multimodal, seeds, basinRuns, cancellationToken);
        }
        Console.WriteLine(Line($"quality: summary seeds={seeds} {string.Join(' ', summary)} seconds={total.Elapsed.TotalSeconds:F1}"));
        return Task.CompletedTask;
    }

    private static void Sequential(List<QualityProblem> problems, string[] samplers, int seeds, CancellationToken cancellationToken)
    {
        var regrets = new Dictionary<(string Function, string Sampler), double>();
        foreach (var problem in problems)
        {
            foreach (var samplerName in samplers)
            {
                var watch = Stopwatch.StartNew();
                var seedCount = samplerName == "grid" ? 1 : seeds;
                var median = QualityRunner.Median(Regrets(problem, samplerName, problem.Budget, 1, seedCount, cancellationToken)
                    .Select(r => r.Best - problem.Optimum));
                regrets[(problem.Name, samplerName)] = median;
                var optuna = samplerName == "cmaes" && OptunaCmaEs.TryGetValue(problem.Name, out var figure)
                    ? Line($" optuna_cmaes_regret_median={figure:G4}")
                    : "";
                Console.WriteLine(Line(
                    $"quality: function={problem.Name} sampler={samplerName} trials={problem.Budget} regret_median={median:G4}{optuna} seeds={seedCount} seconds={watch.Elapsed.TotalSeconds:F1}"));
            }
        }
        foreach (var function in new[] { "branin", "hartmann6" })
        {
            if (regrets.TryGetValue((function, "random"), out var random) && regrets.ContainsKey((function, "bayes")) && regrets.ContainsKey((function, "tpe")))
            {
                Console.WriteLine(Line(
                    $"quality: function={function} bayes_over_random={regrets[(function, "bayes")] / random:G3} tpe_over_random={regrets[(function, "tpe")] / random:G3} targets=0.1,0.333"));
            }
        }
    }

    /// <summary>Bayes at each parallel level with the same budget; returns the summary's figures.</summary>
    private static string Parallel(List<QualityProblem> problems, int[] levels, int seeds, bool verbose, CancellationToken cancellationToken)
    {
        var worstRatio = 0.0;
        var duplicates = 0;
        var wideCorners = new List<double>();
        foreach (var problem in problems)
        {
            var sequential = double.NaN;
            foreach (var parallel in levels)
            {
                var watch = Stopwatch.StartNew();
                var runs = Regrets(problem, "bayes", problem.Budget, parallel, seeds, cancellationToken);
                var median = QualityRunner.Median(runs.Select(r => r.Best - problem.Optimum));
                sequential = parallel == 1 ? median : sequential;
                // Below a regret of 1e-6 both runs found the optimum; the ratio of two round-off errors says nothing.
                var ratio = Math.Max(median, 1e-6) / Math.Max(sequential, 1e-6);
                var nearDuplicates = runs.Sum(r => r.NearDuplicates);
                var corners = (double)runs.Sum(r => r.Points.Count(p => QualityRunner.InCorner(p))) / runs.Sum(r => r.Points.Count);
                if (parallel == 4)
                {
                    worstRatio = Math.Max(worstRatio, ratio);
                }
                duplicates += nearDuplicates;
                if (problem.WideRange)
                {
                    wideCorners.Add(corners);
                }
                if (verbose)
                {
                    // Each run's regret at 60%, 80% and all of the budget: how fast the search converges, seed by seed.
                    var checkpoints = runs.Select(r => string.Join('/', ((double[])[0.6, 0.8, 1]).Select(share =>
                        (r.BestSoFar[(int)Math.Ceiling(share * r.BestSoFar.Length) - 1] - problem.Optimum).ToString("G2", CultureInfo.InvariantCulture))));
                    Console.WriteLine(Line($"quality: parallel={parallel} function={problem.Name} runs {string.Join(' ', checkpoints)}"));
                }
                Console.WriteLine(Line(
                    $"quality: parallel={parallel} function={problem.Name} sampler=bayes trials={problem.Budget} regret_median={median:G4} over_sequential={ratio:F2} near_duplicates={nearDuplicates} corner_share={corners:P1} wide_range={(problem.WideRange ? "yes" : "no")} seeds={seeds} seconds={watch.Elapsed.TotalSeconds:F1}"));
            }
        }
        var worstCorners = wideCorners.Count > 0 ? wideCorners.Max() : 0;
        Console.WriteLine(Line(
            $"quality: parallel summary worst_p4_over_sequential={worstRatio:F2} target=1.5 near_duplicates={duplicates} target=0 worst_wide_range_corner_share={worstCorners:P1} target=10%"));
        return Line($"p4_over_seq_worst={worstRatio:F2} near_duplicates={duplicates} corner_share_worst={worstCorners:P1}");
    }

    /// <summary>Global-basin hits in <paramref name="basinRuns"/> runs per function, sequential and at parallel 4.</summary>
    private static string Basin(List<QualityProblem> problems, string samplerName, int basinRuns, CancellationToken cancellationToken)
    {
        var worst = basinRuns;
        foreach (var problem in problems)
        {
            var hits = new List<string>();
            foreach (var parallel in (int[])[1, 4])
            {
                var runs = Regrets(problem, samplerName, problem.Budget, parallel, basinRuns, cancellationToken);
                var count = runs.Count(r => BasinCheck.InGlobalBasin(problem, r.BestPoint));
                worst = Math.Min(worst, count);
                hits.Add($"hits_p{parallel}={count}/{basinRuns}");
            }
            Console.WriteLine(Line($"quality: basin function={problem.Name} sampler={samplerName} trials={problem.Budget} {string.Join(' ', hits)} target={(basinRuns * 9 + 9) / 10}/{basinRuns}"));
        }
        return $"basin_worst={worst}/{basinRuns}";
    }

    private static void Acquisitions(List<QualityProblem> classic, List<QualityProblem> multimodal, int seeds, int basinRuns, CancellationToken cancellationToken)
    {
        foreach (var (name, samplerName) in (ReadOnlySpan<(string, string)>)[("ei", "bayes"), ("pi", "bayes:pi"), ("ucb", "bayes:ucb"), ("thompson", "bayes:thompson")])
        {
            var watch = Stopwatch.StartNew();
            var regrets = classic.Select(p =>
                $"{p.Name}={QualityRunner.Median(Regrets(p, samplerName, p.Budget, 1, seeds, cancellationToken).Select(r => r.Best - p.Optimum)):G3}");
            var hits = 0;
            foreach (var problem in multimodal)
            {
                hits += Regrets(problem, samplerName, problem.Budget, 4, basinRuns, cancellationToken)
                    .Count(r => BasinCheck.InGlobalBasin(problem, r.BestPoint));
            }
            Console.WriteLine(Line(
                $"quality: acquisition={name} regret_median {string.Join(' ', regrets)} basin_hits_p4={hits}/{basinRuns * multimodal.Count} seconds={watch.Elapsed.TotalSeconds:F1}"));
        }
    }

    private static List<QualityRun> Regrets(QualityProblem problem, string samplerName, int budget, int parallel, int seeds, CancellationToken cancellationToken)
    {
        var runs = new ConcurrentBag<(int Seed, QualityRun Run)>();
        System.Threading.Tasks.Parallel.For(0, seeds, new ParallelOptions { CancellationToken = cancellationToken }, seed =>
        {
            var space = samplerName == "grid" ? problem.GridSpace! : problem.Space;
            runs.Add((seed, QualityRunner.Run(Create(samplerName), space, problem.Evaluate, budget, parallel, seed + 1)));
        });
        return [.. runs.OrderBy(r => r.Seed).Select(r => r.Run)];
    }

    /// <summary>A sampler by bench name: a method, optionally with an acquisition after a colon (bayes:ucb).</summary>
    private static ISampler Create(string name)
    {
        var parts = name.Split(':');
        var method = Enum.Parse<SearchMethod>(parts[0], ignoreCase: true);
        var bayes = parts.Length > 1
            ? new BayesOptions
            {
                Acquisition = parts[1] switch
                {
                    "pi" => Acquisition.ProbabilityOfImprovement,
                    "ucb" => Acquisition.UpperConfidenceBound,
                    "thompson" => Acquisition.ThompsonSampling,
                    _ => Acquisition.ExpectedImprovement,
                },
            }
            : null;
        return SamplerFactory.Create(method, bayes);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
