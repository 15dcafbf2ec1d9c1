namespace ExperimentHub.Server.Components.Services.Models;

public static class CommandResults
{
    public static CommandResult<T> Ok<T>(T value) => new(value, []);

    public static CommandResult<T> Fail<T>(string path, string message) => new(default, [new SpecIssue(path, null, null, message)]);

    public static CommandResult<T> Fail<T>(IReadOnlyList<SpecIssue> errors) => new(default, errors);
}
