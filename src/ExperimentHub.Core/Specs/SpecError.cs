namespace ExperimentHub.Core.Specs;

/// <summary>
/// One problem with a submitted spec. <see cref="Path"/> names the field (<c>parameters.C.min</c>,
/// <c>objectives[0].goal</c>; empty for the document itself); <see cref="Line"/> and <see cref="Column"/> (1-based)
/// point into the submitted text where they are known.
/// </summary>
public sealed record SpecError(string Path, string Message, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var where = Line is { } line ? $" (line {line}, column {Column ?? 1})" : "";
        return Path.Length == 0 ? $"spec{where}: {Message}" : $"{Path}{where}: {Message}";
    }
}
