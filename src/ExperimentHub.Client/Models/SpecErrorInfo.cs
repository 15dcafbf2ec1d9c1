namespace ExperimentHub.Client.Models;

/// <summary>One error of a refused sweep spec: the field's path, the message, and its line and column in the text.</summary>
public sealed record SpecErrorInfo(string Path, string Message, int? Line, int? Column);
