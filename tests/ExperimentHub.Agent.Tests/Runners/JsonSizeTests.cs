using System.Text.Json;
using ExperimentHub.Agent.Runners;

namespace ExperimentHub.Agent.Tests.Runners;

public class JsonSizeTests
{
    [Theory]
    [InlineData("plain ascii")]
    [InlineData("é ü 中文 \"quoted\" <tag> & back\\slash\ttab")]
    [InlineData("")]
    public void The_estimate_is_never_below_the_real_size(string text) =>
        Assert.True(JsonSize.Estimate(text) >= JsonSerializer.SerializeToUtf8Bytes(text).Length);

    [Fact]
    public void Keep_end_keeps_the_newest_text_within_the_budget()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n"));

        var kept = JsonSize.KeepEnd(text, 1000);

        Assert.StartsWith("…", kept, StringComparison.Ordinal);
        Assert.EndsWith("line 4999\n", kept, StringComparison.Ordinal);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(kept).Length <= 1000);
        Assert.Equal("short", JsonSize.KeepEnd("short", 1000));
    }
}
