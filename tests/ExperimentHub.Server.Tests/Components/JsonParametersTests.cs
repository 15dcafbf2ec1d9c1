using ExperimentHub.Server.Components.Services;

namespace ExperimentHub.Server.Tests.Components;

public sealed class JsonParametersTests
{
    [Fact]
    public void Parameters_read_as_long_double_string_and_bool_with_named_floats()
    {
        var values = JsonParameters.Parse("""
            {"layers": 4, "lr": 0.001, "big": 1e300, "optimizer": "adam", "nesterov": true, "warm": false,
             "gap": "NaN", "up": "Infinity", "down": "-Infinity", "skip": null, "shape": [1, 2], "nested": {"a": 1}}
            """);
        Assert.Equal(4L, values["layers"]);
        Assert.Equal(0.001, values["lr"]);
        Assert.Equal(1e300, values["big"]);
        Assert.Equal("adam", values["optimizer"]);
        Assert.Equal(true, values["nesterov"]);
        Assert.Equal(false, values["warm"]);
        Assert.True(double.IsNaN((double)values["gap"]));
        Assert.Equal(double.PositiveInfinity, values["up"]);
        Assert.Equal(double.NegativeInfinity, values["down"]);
        Assert.False(values.ContainsKey("skip"));
        Assert.Equal("[1, 2]", values["shape"]);
        Assert.Equal("""{"a": 1}""", values["nested"]);
        Assert.Equal(11, values.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    public void Anything_but_an_object_reads_as_no_parameters(string? json) => Assert.Empty(JsonParameters.Parse(json));

    [Fact]
    public void A_malformed_row_keeps_what_was_read_before_the_fault()
    {
        var values = JsonParameters.Parse("""{"a": 1, "b": tru""");
        Assert.Equal(1L, Assert.Single(values).Value);
    }

    [Fact]
    public void A_summary_overrides_the_last_values_and_keeps_its_named_floats()
    {
        var summary = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = 0.5, ["accuracy"] = 0.7 };
        JsonParameters.MergeSummary("""{"accuracy": 0.93, "steps": 12, "loss": "NaN", "peak": "Infinity", "note": "text", "list": [1]}""", summary);
        Assert.Equal(0.93, summary["accuracy"]);
        Assert.Equal(12, summary["steps"]);
        Assert.True(double.IsNaN(summary["loss"]));
        Assert.Equal(double.PositiveInfinity, summary["peak"]);
        Assert.False(summary.ContainsKey("note"));
        Assert.False(summary.ContainsKey("list"));
    }

    [Fact]
    public void A_summary_reads_as_the_summary_column_writes_it()
    {
        var written = ExperimentHub.Server.Data.Services.SummaryJson.Write(new Dictionary<string, double>
        {
            ["a"] = 0.1 + 0.2, ["b"] = -1e-300, ["c"] = double.NegativeInfinity, ["d"] = 123456789012345,
        });
        var summary = new Dictionary<string, double>(StringComparer.Ordinal);
        JsonParameters.MergeSummary(written, summary);
        Assert.Equal(ExperimentHub.Server.Data.Services.SummaryJson.Parse(written), summary);
    }
}
