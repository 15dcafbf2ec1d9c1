using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Specs;

public class SweepSpecParserTests
{
    [Fact]
    public void Architecture_example_parses_with_every_field()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Architecture));

        Assert.Equal("svm-digits", spec.Name);
        Assert.Equal(["python3", "train.py", "${args}"], spec.Command);
        Assert.Equal("examples/sklearn-digits", spec.Workdir);
        Assert.Equal(SearchMethod.Bayes, spec.Method);
        Assert.Equal([new Objective("accuracy", Goal.Maximize), new Objective("inference_ms", Goal.Minimize)], spec.Objectives);
        Assert.Equal([new Constraint("accuracy", 0.75, null)], spec.Constraints);
        Assert.Equal(new SweepBudget(60, 4, 120, 5), spec.Budget);
        Assert.Equal(new EarlyStoppingSpec(EarlyStoppingType.Asha, "val_loss", Goal.Minimize, 1, 3, null, 3), spec.EarlyStopping);
        Assert.Equal(new TrialSettings(30, 2, 1), spec.Trial);
        Assert.Equal([12L, 15L], spec.WarmStartSweeps);
        Assert.Equal(42, spec.Seed);

        var c = spec.Space["C"];
        Assert.Equal((ParameterKind.Float, 0.001, 1000.0, true), (c.Kind, c.Min, c.Max, c.Log));
        var kernel = spec.Space["kernel"];
        Assert.Equal(ParameterKind.Categorical, kernel.Kind);
        Assert.Equal(["rbf", "poly", "linear"], kernel.Choices.Cast<string>());
        var degree = spec.Space["degree"];
        Assert.Equal((ParameterKind.Int, 2.0, 5.0), (degree.Kind, degree.Min, degree.Max));
        Assert.Equal("kernel", degree.When!.Parent);
        Assert.Equal(["poly"], degree.When.Values.Cast<string>());
        Assert.True(spec.Space.IndexOf("kernel") < spec.Space.IndexOf("degree"));
    }

    [Theory]
    [InlineData("../../../../../examples/synthetic/sweep.yaml")]
    [InlineData("../../../../../examples/sklearn-digits/sweep.yaml")]
    [InlineData("../../../../../examples/node-rosenbrock/sweep.yaml")]
    public void Example_specs_of_the_repository_parse(string relative)
    {
        var path = FindUp(relative.Replace("../", "", StringComparison.Ordinal));
        SpecAssert.Valid(SweepSpecParser.ParseYaml(File.ReadAllText(path)));
    }

    [Fact]
    public void Json_and_yaml_of_the_same_spec_give_the_same_spec()
    {
        const string json = """
            {
              "name": "svm-digits",
              "command": ["python3", "train.py", "${args}"],
              "workdir": "examples/sklearn-digits",
              "method": "bayes",
              "objectives": [{"metric": "accuracy", "goal": "maximize"}, {"metric": "inference_ms", "goal": "minimize"}],
              "constraints": [{"metric": "accuracy", "min": 0.75}],
              "parameters": {
                "C": {"type": "float", "min": 0.001, "max": 1000, "log": true},
                "kernel": {"values": ["rbf", "poly", "linear"]},
                "degree": {"type": "int", "min": 2, "max": 5, "when": {"kernel": "poly"}}
              },
              "budget": {"trials": 60, "parallel": 4, "minutes": 120},
              "early_stopping": {"type": "asha", "metric": "val_loss", "goal": "minimize"},
              "trial": {"timeout_minutes": 30, "retries": 2, "gpus": 1},
              "warm_start": {"sweeps": [12, 15]},
              "seed": 42
            }
            """;
        var fromJson = SpecAssert.Valid(SweepSpecParser.ParseJson(json));
        var fromYaml = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Architecture));

        Assert.Equal(SweepSpecParser.ToYaml(fromYaml), SweepSpecParser.ToYaml(fromJson));
        Assert.Equal(SpecFormat.Json, SweepSpecParser.DetectFormat(json));
        Assert.Equal(SpecFormat.Yaml, SweepSpecParser.DetectFormat(SpecTexts.Architecture));
        SpecAssert.Valid(SweepSpecParser.Parse(json));
    }

    [Fact]
    public void Json_errors_carry_line_and_column()
    {
        const string json = "{\n  \"name\": \"x\",\n  \"command\": [\"run\"],\n  \"objectives\": [{\"metric\": \"loss\", \"goal\": \"minimise\"}],\n  \"parameters\": {\"a\": {\"type\": \"float\", \"min\": 0, \"max\": 1}},\n  \"budget\": {\"trials\": 5}\n}";
        var result = SweepSpecParser.ParseJson(json);
        var error = SpecAssert.HasError(result, "objectives[0].goal", "did you mean 'minimize'", line: 4, column: 45);
        Assert.Contains("minimize, maximize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_an_error_at_its_place()
    {
        var result = SweepSpecParser.ParseJson("{\n  \"name\": \"x\",\n  \"command\" [\"run\"]\n}");
        var error = SpecAssert.HasError(result, "", "not valid JSON", line: 3);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_an_error_at_its_place()
    {
        var result = SweepSpecParser.ParseYaml("name: x\ncommand: [run\nseed: 1\n");
        var error = SpecAssert.HasError(result, "", "not valid YAML");
        Assert.NotNull(error.Line);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_shorthand_gives_one_objective()
    {
        var text = SpecTexts.Minimal.Replace("objectives:\n  - metric: loss\n    goal: minimize", "metric: {name: accuracy, goal: maximize}", StringComparison.Ordinal);
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(text));
        Assert.Equal([new Objective("accuracy", Goal.Maximize)], spec.Objectives);
    }

    [Fact]
    public void Defaults_fill_what_is_left_out()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal));
        Assert.Equal(SearchMethod.Tpe, spec.Method);
        Assert.Equal(new SweepBudget(10, 1, null, 5), spec.Budget);
        Assert.Null(spec.EarlyStopping);
        Assert.Equal(new TrialSettings(), spec.Trial);
        Assert.Empty(spec.Constraints);
        Assert.Empty(spec.WarmStartSweeps);
        Assert.Equal(0, spec.Seed);
    }

    [Fact]
    public void Early_stopping_takes_metric_and_goal_from_the_first_objective()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "early_stopping: {type: median, min_steps: 4}\n"));
        Assert.Equal(new EarlyStoppingSpec(EarlyStoppingType.Median, "loss", Goal.Minimize, 4, 3, null, 5), spec.EarlyStopping);

        var none = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "early_stopping: {type: none}\n"));
        Assert.Null(none.EarlyStopping);
    }

    [Fact]
    public void Categorical_values_keep_their_types_and_conditions_match_them()
    {
        var text = SpecTexts.Minimal + """
            method: random
            """ + "\n";
        text = text.Replace("    values: [sgd, adam]", "    values: [sgd, adam]\n  batch_norm: {values: [true, false]}\n  width: {values: [32, 64, 0.5, \"128\"]}\n  momentum: {type: float, min: 0, max: 1, when: {optimizer: sgd}}\n  eps: {type: float, min: 0, max: 1, when: {batch_norm: true}}\n  deep: {values: [a, b], when: {layers: [3, 4]}}", StringComparison.Ordinal);
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(text));

        Assert.Equal([true, false], spec.Space["batch_norm"].Choices.Cast<bool>());
        Assert.Equal(new object[] { 32L, 64L, 0.5, "128" }, spec.Space["width"].Choices);
        Assert.Equal([true], spec.Space["eps"].When!.Values.Cast<bool>());
        Assert.Equal([3L, 4L], spec.Space["deep"].When!.Values.Cast<long>());
        Assert.True(SearchSpace.IsActive(spec.Space["momentum"], new Dictionary<string, object> { ["optimizer"] = "sgd" }));
        Assert.False(SearchSpace.IsActive(spec.Space["momentum"], new Dictionary<string, object> { ["optimizer"] = "adam" }));
    }

    [Fact]
    public void Grid_with_steps_parses_and_may_leave_out_trials()
    {
        const string text = """
            name: g
            command: [run, "${a}", "${b}"]
            method: grid
            objectives: [{metric: loss, goal: minimize}]
            parameters:
              a: {type: float, min: 0, max: 1, step: 0.25}
              b: {type: int, min: 1, max: 3}
              c: {values: [x, y]}
            """;
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(text));
        Assert.Null(spec.Budget.Trials);
        Assert.Equal(5, spec.Space["a"].Cardinality);
    }

    [Fact]
    public void To_yaml_round_trips()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Architecture));
        var yaml = SweepSpecParser.ToYaml(spec);
        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(yaml));
        Assert.Equal(yaml, SweepSpecParser.ToYaml(again));
        Assert.Equal(spec.Budget, again.Budget);
        Assert.Equal(spec.EarlyStopping, again.EarlyStopping);
        Assert.Equal(spec.Space["C"], again.Space["C"]);
    }

    [Fact]
    public void To_yaml_keeps_odd_text_and_value_types()
    {
        const string text = """
            name: "quote \" and back\\slash: # not a comment"
            command: [run, "--x=${x}", "--flag: yes"]
            objectives: [{metric: "val/loss", goal: minimize}]
            parameters:
              x: {values: [1, 1.5, "1", true, "no", 2.0]}
            budget: {trials: 3, minutes: 0.5}
            """;
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(text));
        Assert.Equal(new object[] { 1L, 1.5, "1", true, "no", 2.0 }, spec.Space["x"].Choices);
        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(SweepSpecParser.ToYaml(spec)));
        Assert.Equal(spec.Name, again.Name);
        Assert.Equal(spec.Command, again.Command);
        Assert.Equal(spec.Space["x"].Choices, again.Space["x"].Choices);
        Assert.Equal(spec.Budget, again.Budget);
    }

    [Fact]
    public void Source_keeps_the_text_as_submitted()
    {
        var result = SweepSpecParser.ParseYaml(SpecTexts.Architecture);
        Assert.Equal(SpecTexts.Architecture, result.Source);
        Assert.Equal(SpecFormat.Yaml, result.Format);
    }

    [Theory]
    [InlineData("application/json", SpecFormat.Json)]
    [InlineData("application/json; charset=utf-8", SpecFormat.Json)]
    [InlineData("application/yaml", SpecFormat.Yaml)]
    [InlineData("text/yaml", SpecFormat.Yaml)]
    [InlineData("application/x-yaml", SpecFormat.Yaml)]
    public void Content_types_name_formats(string contentType, SpecFormat format) =>
        Assert.Equal(format, SweepSpecParser.FormatFromContentType(contentType));

    [Fact]
    public void Unknown_content_type_names_no_format() => Assert.Null(SweepSpecParser.FormatFromContentType("text/plain"));

    [Fact]
    public void Get_spec_or_throw_lists_every_error()
    {
        var result = SweepSpecParser.ParseYaml("name: x\n");
        var ex = Assert.Throws<SweepSpecException>(result.GetSpecOrThrow);
        // A command is optional (a sweep without one is driven by ask/tell); objectives and parameters are not.
        Assert.True(ex.Errors.Count >= 2);
        Assert.Contains("parameters", ex.Message, StringComparison.Ordinal);
        Assert.Contains("objectives", ex.Message, StringComparison.Ordinal);
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(relative);
    }
}
