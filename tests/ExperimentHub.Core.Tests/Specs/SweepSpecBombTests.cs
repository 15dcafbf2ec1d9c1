using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

/// <summary>Specs that would exhaust memory or overflow time arithmetic are refused at their field, cheaply.</summary>
public class SweepSpecBombTests
{
    // Parsing a small spec allocates well under this; materialising even 2^24 boxed grid values allocates ~400 MB.
    private const long MaxAllocatedBytes = 64L * 1024 * 1024;

    private static string Grid(string parameters, string budget = "") => $$"""
        name: bomb
        command: [run, "${args}"]
        method: grid
        objectives: [{metric: loss, goal: minimize}]
        parameters:
        {{parameters}}
        {{budget}}
        """;

    [Theory]
    [InlineData("  x: {type: int, min: 0, max: 2147483648}", "parameters.x")]
    [InlineData("  x: {type: int, min: 0, max: 9007199254740992}", "parameters.x")]
    [InlineData("  x: {type: float, min: 0, max: 1e300, step: 1e-300}", "parameters.x")]
    public void A_huge_grid_axis_is_refused_at_its_parameter_in_constant_memory(string parameters, string field)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = SweepSpecParser.ParseYaml(Grid(parameters, "budget: {trials: 1}"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = SpecAssert.HasError(result, field, "grid points");
        Assert.Contains("1,000,000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < MaxAllocatedBytes, $"parsing allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_grid_whose_product_overflows_a_long_is_refused_at_parameters()
    {
        // Each axis alone is under the limit; together they are 1000^7 = 10^21 points, past long.MaxValue.
        var axes = string.Join("\n", Enumerable.Range(0, 7).Select(i => $"  p{i}: {{type: int, min: 1, max: 1000}}"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = SweepSpecParser.ParseYaml(Grid(axes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = SpecAssert.HasError(result, "parameters", "grid points");
        Assert.Contains("more than 1,000,000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < MaxAllocatedBytes, $"parsing allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_grid_at_the_limit_is_accepted()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(Grid("  a: {type: int, min: 1, max: 1000}\n  b: {type: int, min: 1, max: 1000}")));
        Assert.Equal(SpecLimits.MaxGridPoints, GridSampler.Size(spec.Space));
    }

    [Fact]
    public void Grid_size_saturates_instead_of_overflowing_and_never_enumerates()
    {
        var space = new SearchSpace([
            ParameterDefinition.Int("a", 0, 1L << 53),
            ParameterDefinition.Int("b", 0, 1L << 53),
            ParameterDefinition.Categorical("c", "x", "y"),
            ParameterDefinition.Int("d", 0, 1L << 53).WithCondition("c", "x"),
        ]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(long.MaxValue, GridSampler.Size(space));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < MaxAllocatedBytes);
    }

    [Fact]
    public void A_huge_conditional_parent_is_counted_exactly_without_walking_its_values()
    {
        // n has 2^53 + 1 values; at n = 1 the child k adds a second point.
        var space = new SearchSpace([
            ParameterDefinition.Int("n", 0, 1L << 53),
            ParameterDefinition.Categorical("k", "a", "b").WithCondition("n", 1L),
        ]);
        Assert.Equal((1L << 53) + 2, GridSampler.Size(space));
    }

    [Fact]
    public void Grid_values_of_a_wide_int_are_computed_on_demand()
    {
        var values = GridSampler.Values(ParameterDefinition.Int("x", 0, 2_000_000, step: 2));
        Assert.Equal(1_000_001, values.Count);
        Assert.Equal(1_999_998L, values[999_999]);
        Assert.Equal(2_000_000L, values[^1]);
    }

    [Theory]
    [InlineData("trial: {timeout_minutes: 1e300}", "trial.timeout_minutes")]
    [InlineData("trial: {timeout_minutes: 600000}", "trial.timeout_minutes")]
    [InlineData("budget: {trials: 5, minutes: 1e300}", "budget.minutes")]
    public void Absurd_durations_are_refused_at_their_field(string line, string field)
    {
        var text = SpecTexts.Minimal.Replace("budget:\n  trials: 10\n", "", StringComparison.Ordinal);
        if (!line.StartsWith("budget", StringComparison.Ordinal))
        {
            text += "budget: {trials: 5}\n";
        }
        var error = SpecAssert.HasError(SweepSpecParser.ParseYaml(text + line + "\n"), field, "at most");
        Assert.Contains("525600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_of_minutes_is_accepted()
    {
        var text = SpecTexts.Minimal + "trial: {timeout_minutes: 525600}\n";
        Assert.Equal(525_600, SpecAssert.Valid(SweepSpecParser.ParseYaml(text)).Trial.TimeoutMinutes);
    }

    [Fact]
    public void A_deadline_past_the_calendar_saturates()
    {
        var start = DateTimeOffset.UnixEpoch;
        Assert.Equal(DateTimeOffset.MaxValue, SpecDurations.After(start, 1e300));
        Assert.Equal(DateTimeOffset.MaxValue, SpecDurations.After(start, double.PositiveInfinity));
        Assert.Equal(DateTimeOffset.MaxValue, SpecDurations.After(start, double.NaN));
        Assert.Equal(start.AddMinutes(30), SpecDurations.After(start, 30));
    }
}
