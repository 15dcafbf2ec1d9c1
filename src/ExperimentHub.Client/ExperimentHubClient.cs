namespace ExperimentHub.Client;

/// <summary>Placeholder replaced by the client (issue 2).</summary>
public sealed class ExperimentHubClient;
