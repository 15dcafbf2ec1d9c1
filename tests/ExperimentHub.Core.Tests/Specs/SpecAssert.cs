using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

internal static class SpecAssert
{
    /// <summary>The result is invalid and holds an error at <paramref name="path"/> whose message contains <paramref name="contains"/>.</summary>
    public static SpecError HasError(SweepSpecParseResult result, string path, string contains, int? line = null, int? column = null)
    {
        Assert.False(result.IsValid, "the spec was accepted");
        Assert.Null(result.Spec);
        var matches = result.Errors.Where(e => e.Path == path && e.Message.Contains(contains, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count > 0,
            $"no error at '{path}' containing '{contains}'; errors were:\n" + string.Join("\n", result.Errors));
        var error = matches[0];
        if (line is not null)
        {
            Assert.Equal(line, error.Line);
        }
        if (column is not null)
        {
            Assert.Equal(column, error.Column);
        }
        return error;
    }

    public static SweepSpec Valid(SweepSpecParseResult result)
    {
        Assert.True(result.IsValid, "errors:\n" + string.Join("\n", result.Errors));
        return result.Spec!;
    }
}
