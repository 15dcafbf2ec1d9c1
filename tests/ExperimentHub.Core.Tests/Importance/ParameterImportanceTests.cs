using ExperimentHub.Core.Importance;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Importance;

public class ParameterImportanceTests
{
    private static readonly Objective Loss = new("loss", Goal.Minimize);

    [Fact]
    public void The_one_parameter_that_matters_gets_nearly_all_the_importance()
    {
        var space = new SearchSpace([
            ParameterDefinition.Float("a", 0, 1),
            ParameterDefinition.Float("b", 1e-4, 1, log: true),
            ParameterDefinition.Int("c", 1, 10),
            ParameterDefinition.Categorical("d", "x", "y", "z"),
        ]);
        var trials = Sample(space, 150, seed: 1, p => Math.Pow(space["b"].ToUnit(p["b"]) - 0.3, 2) * 10);

        var result = ParameterImportance.Evaluate(space, trials, Loss);

        Assert.Equal(150, result.TrialsUsed);
        Assert.Null(result.Note);
        Assert.Equal("b", result.Parameters[0].Name);
        Assert.True(result.Parameters[0].Importance > 0.8, Describe(result));
        Assert.Equal(1.0, result.Parameters.Sum(e => e.Importance), 9);
        Assert.Equal(4, result.Parameters.Count);
    }

    [Fact]
    public void A_categorical_parameter_that_matters_is_found()
    {
        var space = new SearchSpace([
            ParameterDefinition.Float("a", 0, 1),
            ParameterDefinition.Categorical("kernel", "rbf", "poly", "linear"),
            ParameterDefinition.Float("c", 0, 1),
        ]);
        var trials = Sample(space, 120, seed: 2, p => (string)p["kernel"] switch { "rbf" => 0.1, "poly" => 0.9, _ => 0.5 } + (0.01 * (double)p["a"]));

        var result = ParameterImportance.Evaluate(space, trials, new Objective("loss", Goal.Maximize));

        Assert.Equal("kernel", result.Parameters[0].Name);
        Assert.True(result.Parameters[0].Importance > 0.9, Describe(result));
    }

    [Fact]
    public void Inactive_conditional_values_are_handled()
    {
        var space = new SearchSpace([
            ParameterDefinition.Categorical("optimizer", "sgd", "adam"),
            ParameterDefinition.Float("momentum", 0, 1).WithCondition("optimizer", "sgd"),
            ParameterDefinition.Float("noise", 0, 1),
        ]);
        // Only momentum matters, where it is active; adam trials sit in the middle.
        var trials = Sample(space, 200, seed: 3, p => p.TryGetValue("momentum", out var m) ? 4 * (double)m : 2);

        var result = ParameterImportance.Evaluate(space, trials, Loss);

        Assert.Equal(1.0, result.Parameters.Sum(e => e.Importance), 9);
        Assert.All(result.Parameters, e => Assert.True(double.IsFinite(e.Importance) && e.Importance >= 0));
        Assert.Equal("momentum", result.Parameters[0].Name);
        Assert.True(Importance(result, "noise") < 0.1, Describe(result));
    }

    [Fact]
    public void A_parent_that_matters_through_its_own_value_ranks_above_an_idle_child()
    {
        var space = new SearchSpace([
            ParameterDefinition.Categorical("optimizer", "sgd", "adam"),
            ParameterDefinition.Float("momentum", 0, 1).WithCondition("optimizer", "sgd"),
        ]);
        var trials = Sample(space, 100, seed: 4, p => (string)p["optimizer"] == "sgd" ? 1 : 0);

        var result = ParameterImportance.Evaluate(space, trials, Loss);

        Assert.True(Importance(result, "optimizer") > 0.9, Describe(result));
    }

    [Fact]
    public void The_same_seed_gives_the_same_importances()
    {
        var space = new SearchSpace([ParameterDefinition.Float("a", 0, 1), ParameterDefinition.Float("b", 0, 1)]);
        var trials = Sample(space, 60, seed: 5, p => (double)p["a"] + (0.5 * (double)p["b"]));
        var first = ParameterImportance.Evaluate(space, trials, Loss, new ImportanceOptions(Seed: 9));
        var second = ParameterImportance.Evaluate(space, trials, Loss, new ImportanceOptions(Seed: 9));
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.True(Importance(first, "a") > Importance(first, "b"), Describe(first));
    }

    [Fact]
    public void Too_few_trials_or_a_constant_objective_give_no_importances_and_say_why()
    {
        var space = new SearchSpace([ParameterDefinition.Float("a", 0, 1)]);
        var one = ParameterImportance.Evaluate(space, Sample(space, 1, 6, _ => 1), Loss);
        Assert.Empty(one.Parameters);
        Assert.Contains("at least two", one.Note, StringComparison.Ordinal);

        var flat = ParameterImportance.Evaluate(space, Sample(space, 20, 6, _ => 1), Loss);
        Assert.Empty(flat.Parameters);
        Assert.Contains("the same in every trial", flat.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_completed_trials_with_a_finite_value_count()
    {
        var space = new SearchSpace([ParameterDefinition.Float("a", 0, 1), ParameterDefinition.Float("b", 0, 1)]);
        var trials = Sample(space, 40, seed: 7, p => (double)p["a"]);
        trials.Add(Record(1000, new Dictionary<string, object> { ["a"] = 0.5, ["b"] = 0.5 }, double.NaN));
        trials.Add(Record(1001, new Dictionary<string, object> { ["a"] = 0.5, ["b"] = 0.5 }, 5) with { State = TrialState.Failed });
        var result = ParameterImportance.Evaluate(space, trials, Loss);
        Assert.Equal(40, result.TrialsUsed);
        Assert.Equal("a", result.Parameters[0].Name);
    }

    private static double Importance(ImportanceResult result, string name) => result.Parameters.Single(e => e.Name == name).Importance;

    private static string Describe(ImportanceResult result) =>
        string.Join(", ", result.Parameters.Select(e => $"{e.Name}={e.Importance:F3}"));

    private static List<TrialRecord> Sample(SearchSpace space, int count, int seed, Func<IReadOnlyDictionary<string, object>, double> objective)
    {
        var random = new Random(seed);
        var trials = new List<TrialRecord>();
        for (var i = 0; i < count; i++)
        {
            var parameters = space.Decode(Enumerable.Range(0, space.Dimensions).Select(_ => random.NextDouble()).ToArray());
            trials.Add(Record(i, parameters, objective(parameters)));
        }
        return trials;
    }

    private static TrialRecord Record(long id, IReadOnlyDictionary<string, object> parameters, double loss) => new()
    {
        Id = id,
        Parameters = parameters,
        State = TrialState.Completed,
        Metrics = new Dictionary<string, double> { ["loss"] = loss },
    };
}
