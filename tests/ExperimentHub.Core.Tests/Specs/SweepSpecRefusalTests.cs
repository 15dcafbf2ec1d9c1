using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

/// <summary>
/// Every refusal names its path and, for YAML, its line and column. Most cases edit one line of
/// <see cref="SpecTexts.Minimal"/> (whose lines are: 7 lr, 8-11 its fields, 12 layers, 14 its min, 16 optimizer,
/// 17 its values, 18 budget, 19 trials).
/// </summary>
public class SweepSpecRefusalTests
{
    [Fact]
    public void Min_not_below_max_is_refused()
    {
        var result = Parse("    max: 0.1", "    max: 0.00001");
        SpecAssert.HasError(result, "parameters.lr.min", "must be less than max", line: 9, column: 10);
    }

    [Fact]
    public void Equal_min_and_max_of_an_int_are_refused()
    {
        var result = Parse("    max: 4", "    max: 1");
        SpecAssert.HasError(result, "parameters.layers.min", "must be less than max", line: 14, column: 10);
    }

    [Fact]
    public void Log_with_min_not_above_zero_is_refused()
    {
        var result = Parse("    min: 0.0001", "    min: 0");
        SpecAssert.HasError(result, "parameters.lr.log", "needs min > 0", line: 11, column: 10);
    }

    [Fact]
    public void Log_int_with_min_zero_is_refused()
    {
        var result = Parse("    max: 4", "    max: 4\n    log: true").WithMin("layers", "0");
        SpecAssert.HasError(result, "parameters.layers.log", "needs min > 0", line: 16, column: 10);
    }

    [Fact]
    public void Empty_choices_are_refused()
    {
        var result = Parse("    values: [sgd, adam]", "    values: []");
        SpecAssert.HasError(result, "parameters.optimizer.values", "at least one value", line: 17, column: 13);
    }

    [Fact]
    public void Duplicate_choices_are_refused()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam, sgd]");
        SpecAssert.HasError(result, "parameters.optimizer.values[2]", "listed twice (also values[0])", line: 17, column: 25);
    }

    [Fact]
    public void Numerically_equal_choices_are_duplicates()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [1, 1.0]");
        SpecAssert.HasError(result, "parameters.optimizer.values[1]", "listed twice", line: 17, column: 17);
    }

    [Fact]
    public void When_naming_an_unknown_parameter_is_refused_with_a_suggestion()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n  momentum: {type: float, min: 0, max: 1, when: {optimiser: sgd}}");
        SpecAssert.HasError(result, "parameters.momentum.when.optimiser", "did you mean 'optimizer'", line: 18, column: 50);
    }

    [Fact]
    public void When_naming_a_value_the_parent_cannot_take_is_refused()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n  momentum: {type: float, min: 0, max: 1, when: {optimizer: rmsprop}}");
        var error = SpecAssert.HasError(result, "parameters.momentum.when.optimizer", "is not a value 'optimizer' can take", line: 18, column: 61);
        Assert.Contains("choices: sgd, adam", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_value_in_a_list_outside_an_int_range_is_refused()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n  deep: {values: [a, b], when: {layers: [2, 9]}}");
        SpecAssert.HasError(result, "parameters.deep.when.layers[1]", "is not a value 'layers' can take", line: 18, column: 45);
    }

    [Fact]
    public void When_on_a_continuous_float_is_refused()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n  deep: {values: [a, b], when: {lr: 0.01}}");
        SpecAssert.HasError(result, "parameters.deep.when.lr", "continuous float", line: 18, column: 33);
    }

    [Fact]
    public void Conditional_cycles_are_refused()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n  a: {values: [x, y], when: {b: x}}\n  b: {values: [x, y], when: {a: y}}");
        SpecAssert.HasError(result, "parameters.a.when", "cycle: a -> b -> a", line: 18, column: 29);
    }

    [Fact]
    public void A_parameter_conditional_on_itself_is_a_cycle()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n  a: {values: [x, y], when: {a: x}}");
        SpecAssert.HasError(result, "parameters.a.when", "cycle: a -> a", line: 18);
    }

    [Fact]
    public void Grid_over_a_continuous_float_is_refused()
    {
        var result = Parse("  trials: 10", "  trials: 10\nmethod: grid");
        SpecAssert.HasError(result, "parameters.lr", "grid search needs a finite set of values", line: 7, column: 3);
    }

    [Fact]
    public void Duplicate_parameter_names_are_refused()
    {
        var result = Parse("  layers:", "  lr:");
        SpecAssert.HasError(result, "parameters.lr", "appears twice (first at line 7)", line: 12, column: 3);
    }

    [Fact]
    public void Duplicate_keys_in_json_are_refused()
    {
        var result = SweepSpecParser.ParseJson("{\"name\": \"a\",\n \"name\": \"b\"}");
        SpecAssert.HasError(result, "name", "appears twice (first at line 1)", line: 2, column: 2);
    }

    [Fact]
    public void Unknown_parameter_key_is_refused_with_the_closest_valid_one()
    {
        var result = Parse("    log: true", "    lgo: true");
        SpecAssert.HasError(result, "parameters.lr.lgo", "unknown key 'lgo'; did you mean 'log'?", line: 11, column: 5);
    }

    [Fact]
    public void Unknown_budget_key_is_refused_with_the_closest_valid_one()
    {
        var result = Parse("  trials: 10", "  trials: 10\n  paralel: 2");
        SpecAssert.HasError(result, "budget.paralel", "did you mean 'parallel'?", line: 20, column: 3);
    }

    [Fact]
    public void Unknown_root_key_far_from_any_lists_the_valid_ones()
    {
        var result = Parse("  trials: 10", "  trials: 10\nzzzzzz: 1");
        var error = SpecAssert.HasError(result, "zzzzzz", "unknown key 'zzzzzz'; valid keys: name, command", line: 20, column: 1);
        Assert.Contains("early_stopping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_parameter_type_is_refused_by_name()
    {
        var result = Parse("    values: [sgd, adam]", "    values: [sgd, adam]\n    min: 1");
        SpecAssert.HasError(result, "parameters.optimizer.min", "'min' does not apply to a categorical parameter", line: 18, column: 5);
    }

    [Fact]
    public void A_mistyped_parameter_type_is_refused_with_a_suggestion()
    {
        var result = Parse("    type: float", "    type: flaot");
        SpecAssert.HasError(result, "parameters.lr.type", "did you mean 'float'?", line: 8, column: 11);
    }

    [Fact]
    public void Wrong_types_are_refused()
    {
        var result = Parse("    min: 1", "    min: one");
        SpecAssert.HasError(result, "parameters.layers.min", "must be a whole number, not the text 'one'", line: 14, column: 10);
        result = Parse("    min: 1", "    min: 1.5");
        SpecAssert.HasError(result, "parameters.layers.min", "must be a whole number", line: 14, column: 10);
        result = Parse("    log: true", "    log: yes");
        SpecAssert.HasError(result, "parameters.lr.log", "must be true or false, not the text 'yes'", line: 11, column: 10);
        result = Parse("  trials: 10", "  trials: [10]");
        SpecAssert.HasError(result, "budget.trials", "must be a whole number, not a list", line: 19, column: 11);
        result = Parse("command: [python3, train.py, \"${args}\"]", "command: python3 train.py");
        SpecAssert.HasError(result, "command", "must be a list", line: 2, column: 10);
    }

    [Fact]
    public void No_objectives_is_refused()
    {
        var result = Parse("objectives:\n  - metric: loss\n    goal: minimize\n", "");
        SpecAssert.HasError(result, "objectives", "at least one objective is required", line: 1, column: 1);
        result = Parse("objectives:\n  - metric: loss\n    goal: minimize\n", "objectives: []\n");
        SpecAssert.HasError(result, "objectives", "at least one objective is required", line: 3, column: 13);
    }

    [Fact]
    public void Objective_without_goal_and_duplicate_objectives_are_refused()
    {
        var result = Parse("    goal: minimize", "");
        SpecAssert.HasError(result, "objectives[0].goal", "is required", line: 4, column: 5);
        result = Parse("    goal: minimize", "    goal: minimize\n  - {metric: loss, goal: maximize}");
        SpecAssert.HasError(result, "objectives[1].metric", "already objectives[0]", line: 6, column: 14);
    }

    [Fact]
    public void Objectives_and_metric_shorthand_together_are_refused()
    {
        var result = Parse("  trials: 10", "  trials: 10\nmetric: {name: loss, goal: minimize}");
        SpecAssert.HasError(result, "metric", "not both", line: 20, column: 9);
    }

    [Fact]
    public void Trials_below_one_are_refused()
    {
        var result = Parse("  trials: 10", "  trials: 0");
        SpecAssert.HasError(result, "budget.trials", "must be between 1 and 1000000, not 0", line: 19, column: 11);
    }

    [Fact]
    public void Parallel_below_one_is_refused()
    {
        var result = Parse("  trials: 10", "  trials: 10\n  parallel: 0");
        SpecAssert.HasError(result, "budget.parallel", "must be between 1 and 10000, not 0", line: 20, column: 13);
    }

    [Fact]
    public void Missing_trials_outside_a_grid_is_refused()
    {
        var result = Parse("  trials: 10", "  parallel: 2");
        SpecAssert.HasError(result, "budget.trials", "is required", line: 19, column: 3);
    }

    [Fact]
    public void Empty_command_and_unknown_placeholders_are_refused()
    {
        var result = Parse("command: [python3, train.py, \"${args}\"]", "command: []");
        SpecAssert.HasError(result, "command", "at least the program", line: 2, column: 10);
        result = Parse("command: [python3, train.py, \"${args}\"]", "command: [python3, train.py, \"--lr=${lr}\", \"--o=${optimiser}\"]");
        SpecAssert.HasError(result, "command[3]", "${optimiser} names no parameter; did you mean 'optimizer'?", line: 2, column: 44);
    }

    [Fact]
    public void Reserved_and_malformed_parameter_names_are_refused()
    {
        var result = Parse("  layers:", "  args:");
        SpecAssert.HasError(result, "parameters.args", "'args' is reserved", line: 12, column: 3);
        result = Parse("  layers:", "  \"my layers\":");
        SpecAssert.HasError(result, "parameters.my layers", "must start with a letter", line: 12, column: 3);
    }

    [Fact]
    public void Constraint_without_bounds_or_with_crossed_bounds_is_refused()
    {
        var result = Parse("  trials: 10", "  trials: 10\nconstraints:\n  - {metric: acc}\n  - {metric: acc, min: 0.9, max: 0.1}");
        SpecAssert.HasError(result, "constraints[0]", "needs min, max or both", line: 21, column: 5);
        SpecAssert.HasError(result, "constraints[1].min", "greater than max", line: 22, column: 24);
    }

    [Fact]
    public void Early_stopping_refuses_keys_of_the_other_type_and_crossed_steps()
    {
        var result = Parse("  trials: 10", "  trials: 10\nearly_stopping: {type: median, reduction_factor: 2}");
        SpecAssert.HasError(result, "early_stopping.reduction_factor", "applies only to type asha", line: 20, column: 32);
        result = Parse("  trials: 10", "  trials: 10\nearly_stopping: {type: asha, min_steps: 10, max_steps: 10}");
        SpecAssert.HasError(result, "early_stopping.max_steps", "must be greater than min_steps", line: 20, column: 56);
        result = Parse("  trials: 10", "  trials: 10\nearly_stopping: {type: asha, metric: acc}");
        SpecAssert.HasError(result, "early_stopping.goal", "'acc' is not an objective", line: 20, column: 17);
        result = Parse("  trials: 10", "  trials: 10\nearly_stopping: {type: hyperband}");
        SpecAssert.HasError(result, "early_stopping.type", "must be one of median, asha", line: 20, column: 24);
    }

    [Fact]
    public void Warm_start_refuses_repeated_and_non_positive_ids()
    {
        var result = Parse("  trials: 10", "  trials: 10\nwarm_start: {sweeps: [3, 3, 0]}");
        SpecAssert.HasError(result, "warm_start.sweeps[1]", "listed twice", line: 20, column: 26);
        SpecAssert.HasError(result, "warm_start.sweeps[2]", "must be at least 1", line: 20, column: 29);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var text = SpecTexts.Minimal
            .Replace("    max: 0.1", "    max: 0.00001", StringComparison.Ordinal)
            .Replace("    values: [sgd, adam]", "    values: []", StringComparison.Ordinal)
            .Replace("  trials: 10", "  trials: 0\n  paralel: 3", StringComparison.Ordinal);
        var result = SweepSpecParser.ParseYaml(text);
        SpecAssert.HasError(result, "parameters.lr.min", "less than max", line: 9);
        SpecAssert.HasError(result, "parameters.optimizer.values", "at least one value", line: 17);
        SpecAssert.HasError(result, "budget.trials", "between 1 and", line: 19);
        SpecAssert.HasError(result, "budget.paralel", "did you mean", line: 20);
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void Documents_that_are_not_one_mapping_are_refused()
    {
        SpecAssert.HasError(SweepSpecParser.ParseYaml(""), "", "the spec is empty");
        SpecAssert.HasError(SweepSpecParser.ParseYaml("- a\n- b\n"), "", "must be a mapping", line: 1, column: 1);
        SpecAssert.HasError(SweepSpecParser.ParseYaml("name: a\n---\nname: b\n"), "", "more than one YAML document", line: 2);
    }

    [Fact]
    public void Unsupported_tags_are_refused()
    {
        var result = Parse("name: tiny", "name: !!python/object:os.system tiny");
        SpecAssert.HasError(result, "name", "is not supported", line: 1, column: 7);
    }

    private static SweepSpecParseResult Parse(string line, string replacement)
    {
        Assert.Contains(line, SpecTexts.Minimal, StringComparison.Ordinal);
        return SweepSpecParser.ParseYaml(SpecTexts.Minimal.Replace(line, replacement, StringComparison.Ordinal));
    }
}
