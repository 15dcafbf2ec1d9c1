namespace ExperimentHub.Contracts.Api;

/// <summary>One error of a refused spec: the field's path, the message, and the line and column in the submitted text.</summary>
public sealed record SpecErrorDto(string Path, string Message, int? Line, int? Column);
