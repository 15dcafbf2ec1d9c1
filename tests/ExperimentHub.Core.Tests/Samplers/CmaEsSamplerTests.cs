using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Samplers;

public class CmaEsSamplerTests
{
    private static readonly SearchSpace Cube4 = new(Enumerable.Range(0, 4).Select(i => ParameterDefinition.Float($"x{i}", -2, 2)));

    private static double Sphere(IReadOnlyDictionary<string, object> p) =>
        Enumerable.Range(0, 4).Sum(i => Math.Pow(SamplerHarness.X(p, $"x{i}") - 0.5 * i + 0.7, 2));

    private static double Rosenbrock2(IReadOnlyDictionary<string, object> p)
    {
        var (x, y) = (SamplerHarness.X(p, "x0"), SamplerHarness.X(p, "x1"));
        return 100 * Math.Pow(y - x * x, 2) + Math.Pow(1 - x, 2);
    }

    [Fact]
    public void Converges_on_a_shifted_sphere_to_its_known_minimum()
    {
        var trials = SamplerHarness.Run(new CmaEsSampler(), Cube4, p => Sphere(p), 240, seed: 1);
        Assert.True(SamplerHarness.Best(trials) < 1e-3, $"best {SamplerHarness.Best(trials)}");
    }

    [Fact]
    public void Follows_the_curved_valley_of_rosenbrock_to_its_minimum()
    {
        var space = new SearchSpace([ParameterDefinition.Float("x0", -2, 2), ParameterDefinition.Float("x1", -2, 2)]);
        var trials = SamplerHarness.Run(new CmaEsSampler(), space, p => Rosenbrock2(p), 450, seed: 2);
        var best = trials.Where(t => t.State == TrialState.Completed).MinBy(t => t.Metrics["loss"])!;
        Assert.True(best.Metrics["loss"] < 1e-2, $"best {best.Metrics["loss"]}");
        Assert.InRange(SamplerHarness.X(best.Parameters, "x0"), 0.9, 1.1);
    }

    [Fact]
    public void Parallel_batches_draw_ahead_of_unfinished_generations_and_still_converge()
    {
        var trials = SamplerHarness.Run(new CmaEsSampler(), Cube4, p => Sphere(p), 240, seed: 3, batch: 5);
        Assert.True(SamplerHarness.Best(trials) < 1e-2, $"best {SamplerHarness.Best(trials)}");
    }

    [Fact]
    public void A_suggestion_depends_on_its_position_and_the_trials_before_it_not_on_the_batch_size()
    {
        var history = SamplerHarness.Run(new CmaEsSampler(), Cube4, p => Sphere(p), 24, seed: 4);
        var context = new SearchContext { Space = Cube4, Objectives = SamplerHarness.Loss, Trials = history, Seed = 4 };
        var one = new CmaEsSampler().Suggest(context, 1);
        var three = new CmaEsSampler().Suggest(context, 3);
        Assert.Equal(Cube4.Fingerprint(one[0]), Cube4.Fingerprint(three[0]));
        Assert.Equal(3, three.Select(Cube4.Fingerprint).Distinct().Count());
    }

    [Fact]
    public void Categorical_parameters_are_drawn_by_tpe_and_the_best_choice_is_found()
    {
        var space = new SearchSpace([
            ParameterDefinition.Float("lr", 1e-4, 1, log: true),
            ParameterDefinition.Categorical("optimizer", "sgd", "adam", "rmsprop"),
            ParameterDefinition.Int("momentum_steps", 1, 8).WithCondition("optimizer", "sgd"),
            ParameterDefinition.Float("dropout", 0, 0.8),
        ]);
        double Evaluate(IReadOnlyDictionary<string, object> p) =>
            Math.Pow(Math.Log10(SamplerHarness.X(p, "lr")) + 3, 2) + Math.Pow(SamplerHarness.X(p, "dropout") - 0.2, 2)
            + ((string)p["optimizer"] == "adam" ? 0 : 0.5);
        var trials = SamplerHarness.Run(new CmaEsSampler(), space, p => Evaluate(p), 80, seed: 5);
        foreach (var t in trials)
        {
            Assert.Equal((string)t.Parameters["optimizer"] == "sgd", t.Parameters.ContainsKey("momentum_steps"));
            Assert.All(t.Parameters, kv => Assert.True(space[kv.Key].Accepts(kv.Value)));
        }
        var best = trials.MinBy(t => t.Metrics["loss"])!;
        Assert.Equal("adam", best.Parameters["optimizer"]);
        Assert.True(best.Metrics["loss"] < 0.05, $"best {best.Metrics["loss"]}");
    }

    [Fact]
    public void Failed_trials_rank_last_so_the_search_moves_away_from_them()
    {
        // Everything with x0 > 0 fails; the minimum of the feasible side is at x0 = 0.
        double? Evaluate(IReadOnlyDictionary<string, object> p) =>
            SamplerHarness.X(p, "x0") > 0 ? null : Sphere(p) - Math.Pow(SamplerHarness.X(p, "x0") + 0.7, 2) + Math.Pow(SamplerHarness.X(p, "x0"), 2);
        var trials = SamplerHarness.Run(new CmaEsSampler(), Cube4, Evaluate, 160, seed: 6);
        var late = trials.Skip(120).ToList();
        Assert.True(late.Count(t => t.State == TrialState.Completed) >= 0.6 * late.Count, $"{late.Count(t => t.State == TrialState.Failed)} late failures");
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { PopulationSize = 1 }));
        Assert.Throws<ArgumentException>(() => new CmaEsSampler(new CmaEsOptions { InitialSigma = 0 }));
    }
}
