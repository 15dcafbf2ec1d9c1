namespace ExperimentHub.Client.Models;

public sealed record ProjectInfo(string Key, string Name);
