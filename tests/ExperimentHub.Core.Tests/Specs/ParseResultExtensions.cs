using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

internal static class ParseResultExtensions
{
    /// <summary>Parses the result's source again with the min of one parameter replaced.</summary>
    public static SweepSpecParseResult WithMin(this SweepSpecParseResult result, string parameter, string min)
    {
        var lines = result.Source.Split('\n');
        var start = Array.FindIndex(lines, l => l == $"  {parameter}:");
        var index = Array.FindIndex(lines, start, l => l.StartsWith("    min:", StringComparison.Ordinal));
        lines[index] = "    min: " + min;
        return SweepSpecParser.ParseYaml(string.Join('\n', lines));
    }
}
