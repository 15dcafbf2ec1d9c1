using ExperimentHub.Core.MultiObjective;
using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Samplers;

public class SamplerBehaviourTests
{
    public static TheoryData<string> ModelSamplers => ["bayes", "tpe"];

    public static TheoryData<string> AllRandomized => ["random", "bayes", "tpe", "cmaes"];

    private static ISampler Create(string name) => name switch
    {
        "random" => new RandomSampler(),
        "bayes" => new BayesSampler(),
        "cmaes" => new CmaEsSampler(),
        _ => new TpeSampler(),
    };

    [Fact]
    public void Bayes_converges_on_a_bowl()
    {
        var trials = SamplerHarness.Run(new BayesSampler(), SamplerHarness.Square, p => SamplerHarness.Bowl(p), 25, seed: 1);
        Assert.True(SamplerHarness.Best(trials) < 1e-3, $"best {SamplerHarness.Best(trials)}");
    }

    [Fact]
    public void Tpe_converges_on_a_bowl_better_than_its_startup_design()
    {
        var trials = SamplerHarness.Run(new TpeSampler(), SamplerHarness.Square, p => SamplerHarness.Bowl(p), 80, seed: 1);
        var startup = SamplerHarness.Best(trials.Take(10));
        Assert.True(SamplerHarness.Best(trials) < 5e-3, $"best {SamplerHarness.Best(trials)}");
        Assert.True(SamplerHarness.Best(trials) < startup / 3, $"best {SamplerHarness.Best(trials)} vs startup {startup}");
    }

    [Theory]
    [InlineData("bayes", Acquisition.ProbabilityOfImprovement)]
    [InlineData("bayes", Acquisition.UpperConfidenceBound)]
    [InlineData("bayes", Acquisition.ThompsonSampling)]
    public void Every_acquisition_converges_on_a_bowl(string name, Acquisition acquisition)
    {
        _ = name;
        var sampler = new BayesSampler(new BayesOptions { Acquisition = acquisition });
        var trials = SamplerHarness.Run(sampler, SamplerHarness.Square, p => SamplerHarness.Bowl(p), 25, seed: 2);
        Assert.True(SamplerHarness.Best(trials) < 5e-3, $"{acquisition}: best {SamplerHarness.Best(trials)}");
    }

    [Theory]
    [MemberData(nameof(AllRandomized))]
    public void Same_seed_same_suggestions_other_seed_other_suggestions(string name)
    {
        static string Run(string n, int seed) => string.Join(";",
            SamplerHarness.Run(Create(n), SamplerHarness.Square, p => SamplerHarness.Bowl(p), 14, seed)
                .Select(t => SamplerHarness.Square.Fingerprint(t.Parameters)));
        Assert.Equal(Run(name, 5), Run(name, 5));
        Assert.NotEqual(Run(name, 5), Run(name, 6));
    }

    [Theory]
    [MemberData(nameof(AllRandomized))]
    public void Batch_is_distinct_from_itself_and_from_running_trials(string name)
    {
        var space = new SearchSpace([
            ParameterDefinition.Int("a", 1, 4),
            ParameterDefinition.Categorical("b", "x", "y", "z"),
            ParameterDefinition.Float("c", 0, 1, step: 0.5),
        ]);
        var history = SamplerHarness.Run(new RandomSampler(), space, p => SamplerHarness.X(p, "a") + SamplerHarness.X(p, "c"), 12, seed: 3);
        var trials = history.Select((t, i) => i >= 10 ? t with { State = TrialState.Running } : t).ToList();
        var context = new SearchContext { Space = space, Objectives = SamplerHarness.Loss, Trials = trials, Seed = 3 };
        var batch = Create(name).Suggest(context, 8);
        Assert.Equal(8, batch.Count);
        var keys = batch.Select(space.Fingerprint).ToList();
        Assert.Equal(8, keys.Distinct().Count());
        Assert.Empty(keys.Intersect(trials.Select(t => space.Fingerprint(t.Parameters))));
        Assert.All(batch, p => Assert.All(space.Parameters, d => Assert.True(d.Accepts(p[d.Name]))));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void Bayes_batches_keep_apart_from_each_other_and_from_running_trials(int parallel)
    {
        // Near-duplicates: closer than a thousandth of the unit cube's diagonal.
        var threshold = 1e-3 * Math.Sqrt(2);
        var sampler = new BayesSampler();
        var trials = SamplerHarness.Run(sampler, SamplerHarness.Square, p => SamplerHarness.Bowl(p), 16, seed: 12);
        for (var round = 0; round < 3; round++)
        {
            var running = trials.TakeLast(parallel - 1).Select(t => t with { State = TrialState.Running });
            var context = new SearchContext { Space = SamplerHarness.Square, Objectives = SamplerHarness.Loss, Trials = [.. trials.SkipLast(parallel - 1), .. running], Seed = round };
            var inFlight = context.Trials.Where(t => t.State == TrialState.Running).Select(t => SamplerHarness.Square.Encode(t.Parameters)).ToList();
            foreach (var p in sampler.Suggest(context, parallel))
            {
                var unit = SamplerHarness.Square.Encode(p);
                Assert.All(inFlight, other => Assert.True(Math.Sqrt(Math.Pow(unit[0] - other[0], 2) + Math.Pow(unit[1] - other[1], 2)) >= threshold,
                    $"({unit[0]}, {unit[1]}) is next to ({other[0]}, {other[1]})"));
                inFlight.Add(unit);
            }
            trials = SamplerHarness.Run(sampler, SamplerHarness.Square, p => SamplerHarness.Bowl(p), trials.Count + parallel, seed: round, batch: parallel, start: trials);
        }
    }

    [Fact]
    public void Bayes_keeps_out_of_the_corners_when_values_span_orders_of_magnitude()
    {
        // Goldstein–Price on [-2, 2]²: values from 3 to about 10⁶, the largest at the corners.
        static double GoldsteinPrice(IReadOnlyDictionary<string, object> p)
        {
            var (x, y) = (4 * SamplerHarness.X(p, "x") - 2, 4 * SamplerHarness.X(p, "y") - 2);
            var a = 1 + Math.Pow(x + y + 1, 2) * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y);
            var b = 30 + Math.Pow(2 * x - 3 * y, 2) * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y);
            return a * b;
        }
        var corners = 0;
        var total = 0;
        for (var seed = 1; seed <= 4; seed++)
        {
            var trials = SamplerHarness.Run(new BayesSampler(), SamplerHarness.Square, p => GoldsteinPrice(p), 25, seed);
            corners += trials.Count(t => SamplerHarness.Square.Encode(t.Parameters).All(u => u < 0.05 || u > 0.95));
            total += trials.Count;
            Assert.True(SamplerHarness.Best(trials) < 30, $"seed {seed}: best {SamplerHarness.Best(trials)} is not in the global basin (next minimum: 30)");
        }
        Assert.True(corners <= 0.1 * total, $"{corners} of {total} trials in the corners");
    }

    [Theory]
    [MemberData(nameof(AllRandomized))]
    public void A_small_discrete_space_is_exhausted_without_repeats(string name)
    {
        var space = new SearchSpace([ParameterDefinition.Int("a", 1, 3), ParameterDefinition.Categorical("b", "x", "y")]);
        var trials = SamplerHarness.Run(Create(name), space, p => SamplerHarness.X(p, "a"), 6, seed: 4, batch: 2);
        Assert.Equal(6, trials.Select(t => space.Fingerprint(t.Parameters)).Distinct().Count());
        var context = new SearchContext { Space = space, Objectives = SamplerHarness.Loss, Trials = trials, Seed = 4 };
        Assert.Empty(Create(name).Suggest(context, 3));
    }

    [Theory]
    [MemberData(nameof(ModelSamplers))]
    public void Failure_region_is_learnt_and_late_suggestions_are_mostly_feasible(string name)
    {
        // Trials with x > 0.5 fail; the unconstrained optimum (0.7, 0.5) lies inside the failure region.
        double? Evaluate(IReadOnlyDictionary<string, object> p) =>
            SamplerHarness.X(p, "x") > 0.5 ? null : Math.Pow(SamplerHarness.X(p, "x") - 0.7, 2) + Math.Pow(SamplerHarness.X(p, "y") - 0.5, 2);
        var trials = SamplerHarness.Run(Create(name), SamplerHarness.Square, Evaluate, 50, seed: 7);
        var late = trials.Skip(30).ToList();
        var feasibleShare = late.Count(t => t.State == TrialState.Completed) / (double)late.Count;
        // Random search would keep half; the GP's feasibility model is sharper than TPE's good/bad densities.
        Assert.True(feasibleShare >= (name == "bayes" ? 0.8 : 0.65), $"{name}: {feasibleShare:P0} of late trials feasible");
        // And it still finds the feasible optimum near (0.5, 0.5), whose value is 0.04.
        Assert.True(SamplerHarness.Best(trials) < 0.04 + (name == "bayes" ? 0.01 : 0.02), $"{name}: best {SamplerHarness.Best(trials)}");
    }

    [Fact]
    public void Constraint_on_a_metric_marks_trials_infeasible_for_bayes()
    {
        // Same failure region expressed as a constraint on a reported metric rather than as failed trials.
        var objectives = SamplerHarness.Loss;
        var constraints = new[] { new Constraint("x_metric", null, 0.5) };
        var trials = new List<TrialRecord>();
        var sampler = new BayesSampler();
        for (var t = 0; t < 40; t++)
        {
            var context = new SearchContext { Space = SamplerHarness.Square, Objectives = objectives, Constraints = constraints, Trials = trials, Seed = 9 };
            var p = sampler.Suggest(context, 1)[0];
            var x = SamplerHarness.X(p, "x");
            trials.Add(new TrialRecord
            {
                Id = t + 1,
                Parameters = p,
                State = TrialState.Completed,
                Metrics = new Dictionary<string, double> { ["loss"] = -x - SamplerHarness.X(p, "y"), ["x_metric"] = x },
            });
        }
        var late = trials.Skip(25).ToList();
        var xs = string.Join(" ", late.Select(t => SamplerHarness.X(t.Parameters, "x").ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
        // The optimum (0.5, 1) lies on the boundary, so late trials crowd it from both sides; few go deep inside.
        Assert.True(late.Count(t => SamplerHarness.X(t.Parameters, "x") <= 0.52) >= 0.8 * late.Count, xs);
        var bestFeasible = trials.Where(t => t.Metrics["x_metric"] <= 0.5).Min(t => t.Metrics["loss"]);
        Assert.True(bestFeasible < -1.45, $"best feasible {bestFeasible}");
    }

    [Theory]
    [MemberData(nameof(ModelSamplers))]
    public void Conditional_and_mixed_spaces_get_valid_suggestions(string name)
    {
        var space = new SearchSpace([
            ParameterDefinition.Float("C", 1e-3, 1e3, log: true),
            ParameterDefinition.Categorical("kernel", "rbf", "poly", "linear"),
            ParameterDefinition.Int("degree", 2, 5).WithCondition("kernel", "poly"),
        ]);
        double Evaluate(IReadOnlyDictionary<string, object> p) =>
            Math.Abs(Math.Log10(SamplerHarness.X(p, "C")) - 1) + ((string)p["kernel"] == "poly" ? 0.3 * Math.Abs(SamplerHarness.X(p, "degree") - 3) : 0.5);
        var trials = SamplerHarness.Run(Create(name), space, p => Evaluate(p), 30, seed: 11);
        foreach (var t in trials)
        {
            Assert.Equal((string)t.Parameters["kernel"] == "poly", t.Parameters.ContainsKey("degree"));
            Assert.All(t.Parameters, kv => Assert.True(space[kv.Key].Accepts(kv.Value)));
        }
        Assert.True(SamplerHarness.Best(trials) < 0.6, $"{name}: best {SamplerHarness.Best(trials)}");
    }

    [Theory]
    [MemberData(nameof(ModelSamplers))]
    public void Two_objectives_give_a_better_front_than_random_with_the_same_budget(string name)
    {
        var objectives = new[] { new Objective("f1", Goal.Minimize), new Objective("f2", Goal.Maximize) };
        var space = new SearchSpace(Enumerable.Range(0, 3).Select(i => ParameterDefinition.Float($"x{i}", 0, 1)));
        double Hv(ISampler sampler)
        {
            var trials = new List<TrialRecord>();
            for (var t = 0; t < 40; t++)
            {
                var context = new SearchContext { Space = space, Objectives = objectives, Trials = trials, Seed = 13 };
                var p = sampler.Suggest(context, 1)[0];
                var x = Enumerable.Range(0, 3).Select(i => SamplerHarness.X(p, $"x{i}")).ToArray();
                var g = 1 + 4.5 * (x[1] + x[2]);
                trials.Add(new TrialRecord
                {
                    Id = t + 1,
                    Parameters = p,
                    State = TrialState.Completed,
                    // ZDT1 in 3 dimensions; the second objective is reported negated and maximized.
                    Metrics = new Dictionary<string, double> { ["f1"] = x[0], ["f2"] = -g * (1 - Math.Sqrt(x[0] / g)) },
                });
            }
            var losses = trials.Select(t => (IReadOnlyList<double>)t.Losses(objectives)!).ToList();
            return Hypervolume.Compute(losses, [1.1, 1.1]);
        }
        var model = Hv(Create(name));
        var random = Hv(new RandomSampler());
        Assert.True(model > random, $"{name}: hypervolume {model} vs random {random}");
    }

    [Fact]
    public void Factory_maps_every_method()
    {
        Assert.IsType<GridSampler>(SamplerFactory.Create(SearchMethod.Grid));
        Assert.IsType<RandomSampler>(SamplerFactory.Create(SearchMethod.Random));
        Assert.IsType<BayesSampler>(SamplerFactory.Create(SearchMethod.Bayes));
        Assert.IsType<TpeSampler>(SamplerFactory.Create(SearchMethod.Tpe));
        Assert.IsType<CmaEsSampler>(SamplerFactory.Create(SearchMethod.Cmaes));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplerFactory.Create((SearchMethod)42));
    }

    [Fact]
    public void Call_seeds_are_stable_across_processes()
    {
        // SplitMix64 from state 0 yields 0xE220A8397B1DCDAF: a published value, so the mix has no per-process salt.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        var a = new SearchContext { Space = SamplerHarness.Square, Objectives = SamplerHarness.Loss, Seed = 42 };
        Assert.Equal(a.CreateRandom(1).Next(), (a with { }).CreateRandom(1).Next());
        Assert.NotEqual(a.CreateRandom(1).Next(), a.CreateRandom(2).Next());
    }
}
