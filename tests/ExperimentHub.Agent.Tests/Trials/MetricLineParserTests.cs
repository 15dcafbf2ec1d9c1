using ExperimentHub.Agent.Trials;

namespace ExperimentHub.Agent.Tests.Trials;

public class MetricLineParserTests
{
    [Fact]
    public void A_metric_line_gives_its_step_and_values()
    {
        var line = MetricLineParser.Parse("EXPERIMENTHUB step=3 loss=0.21 acc=0.9");

        Assert.NotNull(line);
        Assert.Equal(3, line.Step);
        Assert.Equal([new("loss", 0.21), new KeyValuePair<string, double>("acc", 0.9)], line.Values);
        Assert.Empty(line.Problems);
    }

    [Theory]
    [InlineData("nan", double.NaN)]
    [InlineData("NaN", double.NaN)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1e-3", 0.001)]
    [InlineData("-2.5E+2", -250)]
    public void Values_accept_nan_infinities_and_exponents(string raw, double expected)
    {
        var line = MetricLineParser.Parse($"EXPERIMENTHUB v={raw}");

        Assert.Equal(expected, Assert.Single(line!.Values).Value);
    }

    [Theory]
    [InlineData("epoch 3 loss 0.2")]
    [InlineData("EXPERIMENTHUBX loss=1")]
    [InlineData("info: EXPERIMENTHUB loss=1")]
    public void Other_lines_are_not_metric_lines(string text) => Assert.Null(MetricLineParser.Parse(text));

    [Fact]
    public void Bad_tokens_are_skipped_and_named()
    {
        var line = MetricLineParser.Parse("  EXPERIMENTHUB step=-1 loss=abc acc=0.5 junk =3 1e400=2")!;

        Assert.Null(line.Step);
        Assert.Equal(0.5, Assert.Single(line.Values, v => v.Key == "acc").Value);
        Assert.Contains(line.Problems, p => p.Contains("step '-1'", StringComparison.Ordinal));
        Assert.Contains(line.Problems, p => p.Contains("'abc' (for loss)", StringComparison.Ordinal));
        Assert.Contains(line.Problems, p => p.Contains("'junk'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_that_overflows_is_not_silently_infinite()
    {
        Assert.False(MetricLineParser.TryParseValue("1e400", out _));
    }
}
