namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>One problem of a sweep spec: where (path such as <c>parameters.lr.min</c>, and the YAML line) and what.</summary>
public sealed record SpecIssue(string Path, int? Line, int? Column, string Message)
{
    public override string ToString() => Line is { } l ? $"line {l}: {Path}: {Message}" : $"{Path}: {Message}";
}
