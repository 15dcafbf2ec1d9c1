using System.Text;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

public class SweepSpecLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Billion_laughs_alias_bomb_is_refused_without_expanding()
    {
        // Nine levels of nine aliases each stand for 9^9 (387 million) scalars.
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9));
            sb.Append($"a{level}: &a{level} [{refs}]\n");
        }
        var result = ParseWithin(sb.ToString());
        var error = Assert.Single(result.Errors);
        Assert.Contains("more than 10,000 nodes", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void More_than_a_hundred_aliases_are_refused()
    {
        var refs = string.Join(", ", Enumerable.Repeat("*v", 101));
        var result = ParseWithin($"v: &v x\nlist: [{refs}]\n");
        var error = Assert.Single(result.Errors);
        Assert.Contains("more than 100 aliases", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Aliases_within_the_limits_are_expanded_as_values()
    {
        const string text = """
            name: anchored
            command: [run, "${args}"]
            objectives: [&objective {metric: loss, goal: minimize}]
            parameters:
              a: &range {type: float, min: 0, max: 1}
              b: *range
            budget: {trials: 5}
            """;
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(text));
        Assert.Equal(spec.Space["a"] with { Name = "b" }, spec.Space["b"]);
    }

    [Fact]
    public void Alias_to_an_undefined_anchor_is_refused()
    {
        var result = SweepSpecParser.ParseYaml(SpecTexts.Minimal.Replace("name: tiny", "name: *nothing", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("names no anchor", StringComparison.Ordinal) && e.Line == 1);
    }

    [Fact]
    public void Text_over_256_KiB_is_refused_before_parsing()
    {
        var text = SpecTexts.Minimal + "# " + new string('x', SpecLimits.MaxBytes) + "\n";
        var result = ParseWithin(text);
        var error = Assert.Single(result.Errors);
        Assert.Contains("the limit is 262,144", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_ten_thousand_nodes_are_refused()
    {
        var result = ParseWithin("big: [" + string.Join(",", Enumerable.Repeat("1", SpecLimits.MaxNodes + 1)) + "]\n");
        Assert.Contains("more than 10,000 nodes", Assert.Single(result.Errors).Message, StringComparison.Ordinal);

        var json = ParseWithin("{\"big\": [" + string.Join(",", Enumerable.Repeat("1", SpecLimits.MaxNodes + 1)) + "]}", SpecFormat.Json);
        Assert.Contains("more than 10,000 nodes", Assert.Single(json.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var result = ParseWithin("deep: " + new string('[', 200) + new string(']', 200) + "\n");
        Assert.Contains("nested more than 64 levels", Assert.Single(result.Errors).Message, StringComparison.Ordinal);

        var json = ParseWithin("{\"deep\": " + new string('[', 200) + new string(']', 200) + "}", SpecFormat.Json);
        Assert.Contains(json.Errors, e => e.Message.Contains("not valid JSON", StringComparison.Ordinal) || e.Message.Contains("nested", StringComparison.Ordinal));
    }

    private static SweepSpecParseResult ParseWithin(string text, SpecFormat format = SpecFormat.Yaml)
    {
        // A bound on the wait, not a timing assertion: an expanding parser would not return at all.
        var task = Task.Run(() => SweepSpecParser.Parse(text, format));
        Assert.True(task.Wait(Patience), "the parser did not return");
        Assert.False(task.Result.IsValid);
        return task.Result;
    }
}
