namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>The outcome of a command from the dashboard: the value, or what the user must fix.</summary>
public sealed record CommandResult<T>(T? Value, IReadOnlyList<SpecIssue> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
