namespace ExperimentHub.Server.Tests.Infrastructure;

public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
